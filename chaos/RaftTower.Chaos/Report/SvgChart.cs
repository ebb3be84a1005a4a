using System.Globalization;
using System.Net;
using System.Text;

namespace RaftTower.Chaos.Report;

/// <summary>
/// A minimal inline SVG plot: a data window (x seconds, y value) mapped onto a fixed-size drawing area,
/// with axes, shaded bands, polylines, points and bars. Output is self-contained markup.
/// </summary>
internal sealed class SvgChart
{
    private const double Width = 960;
    private const double Height = 260;
    private const double Left = 60;
    private const double Right = 20;
    private const double Top = 24;
    private const double Bottom = 36;
    private const string Style = """
        text{font-family:system-ui,sans-serif}
        .title{font-size:14px;font-weight:bold}.tick{font-size:10px;fill:#555}.end{text-anchor:end}.mid{text-anchor:middle}
        .axis{stroke:#333;stroke-width:1;font-size:11px}text.axis{stroke:none;fill:#333}.grid{stroke:#e5e5e5}
        .nemesis{fill:#f5c542;opacity:.3}.band{font-size:10px;fill:#7a5b00}
        polyline{fill:none;stroke-width:1.5}.line-ok{stroke:#0a7a2f}.line-fail{stroke:#e07b00}.line-info{stroke:#b3001b}
        .line-p50{stroke:#1f5fbf}.line-p99{stroke:#8a2be2}
        .pt-ok{fill:#0a7a2f;opacity:.45}.pt-fail{fill:#e07b00;opacity:.6}.pt-slice{fill:none;stroke:#d0002a;stroke-width:2}
        .bar-ok{fill:#4caf50}.bar-fail{fill:#ff9800}.bar-info{fill:#e53935;opacity:.6}
        .legend.line-ok,.legend.pt-ok{fill:#0a7a2f;stroke:none}.legend.line-fail{fill:#e07b00;stroke:none}.legend.line-info{fill:#b3001b;stroke:none}
        .legend.line-p50{fill:#1f5fbf;stroke:none}.legend.line-p99{fill:#8a2be2;stroke:none}.legend.pt-slice{fill:#d0002a}
        """;

    private readonly StringBuilder _body = new();
    private readonly double _xMin;
    private readonly double _xMax;
    private readonly double _yMax;

    /// <param name="title">Heading drawn above the plot.</param>
    /// <param name="xMin">Left edge, in seconds.</param>
    /// <param name="xMax">Right edge, in seconds.</param>
    /// <param name="yMax">Top edge, in y units (rows for interval charts).</param>
    /// <param name="yLabel">Unit of the y axis.</param>
    /// <param name="rows">For interval charts: a label per row, drawn instead of numeric y ticks.</param>
    public SvgChart(string title, double xMin, double xMax, double yMax, string yLabel, IReadOnlyList<string>? rows = null)
    {
        _xMin = xMin;
        _xMax = xMax > xMin ? xMax : xMin + 1;
        _yMax = yMax > 0 ? yMax : 1;
        Text(Left, 16, title, "title");
        var middle = Top + ((Height - Top - Bottom) / 2);
        _body.Append(CultureInfo.InvariantCulture, $"<text class=\"axis mid\" x=\"12\" y=\"{N(middle)}\" transform=\"rotate(-90 12 {N(middle)})\">{Encode(yLabel)}</text>");
        for (var i = 0; i <= 4; i++)
        {
            var y = _yMax * i / 4;
            Line(Left, Y(y), Width - Right, Y(y), "grid");
            if (rows is null)
            {
                Text(Left - 6, Y(y) + 4, Format(y, _yMax), "tick end");
            }
        }

        for (var row = 0; rows is not null && row < rows.Count; row++)
        {
            Text(Left - 6, Y(row + 0.5) + 4, rows[row], "tick end");
        }

        for (var i = 0; i <= 8; i++)
        {
            var x = _xMin + ((_xMax - _xMin) * i / 8);
            Text(X(x), Height - Bottom + 16, Format(x, _xMax - _xMin) + " s", "tick mid");
        }

        Line(Left, Y(0), Width - Right, Y(0), "axis");
        Line(Left, Top, Left, Y(0), "axis");
    }

    public double X(double seconds) => Left + ((Math.Clamp(seconds, _xMin, _xMax) - _xMin) / (_xMax - _xMin) * (Width - Left - Right));

    public double Y(double value) => Height - Bottom - (Math.Clamp(value, 0, _yMax) / _yMax * (Height - Top - Bottom));

    public void Band(double from, double to, string label)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<rect class=\"nemesis\" x=\"{N(X(from))}\" y=\"{N(Top)}\" width=\"{N(Math.Max(1, X(to) - X(from)))}\" height=\"{N(Height - Top - Bottom)}\"><title>{Encode(label)}</title></rect>");
        Text(X(from) + 2, Top + 12, label, "band");
    }

    public void Polyline(IEnumerable<(double X, double Y)> points, string cssClass, string label)
    {
        var coordinates = string.Join(' ', points.Select(p => $"{N(X(p.X))},{N(Y(p.Y))}"));
        _body.Append(CultureInfo.InvariantCulture, $"<polyline class=\"{cssClass}\" points=\"{coordinates}\"><title>{Encode(label)}</title></polyline>");
    }

    public void Point(double x, double y, string cssClass, string? tooltip = null)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<circle class=\"{cssClass}\" cx=\"{N(X(x))}\" cy=\"{N(Y(y))}\" r=\"{(cssClass.Contains("slice", StringComparison.Ordinal) ? 5 : 1.6)}\">");
        _body.Append(tooltip is null ? string.Empty : $"<title>{Encode(tooltip)}</title>").Append("</circle>");
    }

    /// <summary>A horizontal bar from x to x2 at a row's y (for interval charts, y in row units).</summary>
    public void Bar(double from, double to, double row, string cssClass, string tooltip)
    {
        var y = Y(row + 0.5) - 5;
        _body.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cssClass}\" x=\"{N(X(from))}\" y=\"{N(y)}\" width=\"{N(Math.Max(2, X(to) - X(from)))}\" height=\"10\"><title>{Encode(tooltip)}</title></rect>");
    }

    public void Label(double x, double row, string text) => Text(X(x), Y(row + 0.5) - 7, text, "band");

    public void Legend(params (string CssClass, string Label)[] entries)
    {
        var x = Width - Right - (entries.Length * 110);
        foreach (var (cssClass, label) in entries)
        {
            _body.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cssClass} legend\" x=\"{N(x)}\" y=\"6\" width=\"12\" height=\"12\"/>");
            Text(x + 16, 16, label, "tick");
            x += 110;
        }
    }

    /// <summary>The chart as standalone SVG markup (its style travels with it, so it renders the same cut out of the page).</summary>
    public string ToSvg() =>
        string.Create(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\"><style>{Style}</style>{_body}</svg>");

    private void Line(double x1, double y1, double x2, double y2, string cssClass) =>
        _body.Append(CultureInfo.InvariantCulture, $"<line class=\"{cssClass}\" x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\"/>");

    private void Text(double x, double y, string text, string cssClass) =>
        _body.Append(CultureInfo.InvariantCulture, $"<text class=\"{cssClass}\" x=\"{N(x)}\" y=\"{N(y)}\">{Encode(text)}</text>");

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    // Enough decimals to tell ticks apart across the span (a zoomed slice spans milliseconds).
    private static string Format(double value, double span)
    {
        var decimals = span <= 0 ? 2 : Math.Clamp((int)Math.Ceiling(-Math.Log10(span / 8)) + 1, 0, 9);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
