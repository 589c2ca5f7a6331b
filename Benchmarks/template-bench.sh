#!/bin/sh
# Renders an article page and a term page with sitegen's template engine, swift-mustache and
# Stencil (release build, one thread), checks their outputs match, and prints pages/second.
set -eu
cd "$(dirname "$0")/TemplateBench"
exec swift run -c release --scratch-path ../../.build-bench TemplateBench "$@"
