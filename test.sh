#!/usr/bin/env bash
# The test command of README.md: builds everything in Release and runs every test project.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build RaftTower.sln -c Release
dotnet test RaftTower.sln -c Release --no-build --logger "console;verbosity=normal"
