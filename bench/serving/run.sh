#!/usr/bin/env bash
# Load benchmark of the serving API: publishes the app in Release, seeds 100k users and 10k items into the embedded
# store, and runs wrk on loopback at 16 and 64 connections against /api/recommendations, /api/forecasts, /api/health
# and /api/ping (the ceiling), cases interleaved over --rounds (3) and reported as medians.
# Arguments pass through, e.g. `bench/serving/run.sh --duration 10 --rounds 3 --users 100000`.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec dotnet run -c Release --project bench/Obrador.Bench -- serving "$@"
