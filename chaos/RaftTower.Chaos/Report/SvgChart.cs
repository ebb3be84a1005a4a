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
    private readonly StringBuilder _body = new();
    private readonly double _xMin;
    private readonly double _xMax;
    private readonly double _yMax;

    public SvgChart(string title, double xMin, double xMax, double yMax, string yLabel)
    {
        _xMin = xMin;
        _xMax = xMax > xMin ? xMax : xMin + 1;
        _yMax = yMax > 0 ? yMax : 1;
        Text(Left, 16, title, "title");
        Text(12, Top + ((Height - Top - Bottom) / 2), yLabel, "axis");
        for (var i = 0; i <= 4; i++)
        {
            var y = _yMax * i / 4;
            Line(Left, Y(y), Width - Right, Y(y), "grid");
            Text(Left - 6, Y(y) + 4, Format(y), "tick end");
        }

        for (var i = 0; i <= 8; i++)
        {
            var x = _xMin + ((_xMax - _xMin) * i / 8);
            Text(X(x), Height - Bottom + 16, Format(x) + " s", "tick mid");
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

    public string ToSvg() =>
        string.Create(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\">{_body}</svg>");

    private void Line(double x1, double y1, double x2, double y2, string cssClass) =>
        _body.Append(CultureInfo.InvariantCulture, $"<line class=\"{cssClass}\" x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\"/>");

    private void Text(double x, double y, string text, string cssClass) =>
        _body.Append(CultureInfo.InvariantCulture, $"<text class=\"{cssClass}\" x=\"{N(x)}\" y=\"{N(y)}\">{Encode(text)}</text>");

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString(value >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
