#!/usr/bin/env bash
# Generates the soma-proto package (gen/python) and the @soma/proto npm package (gen/ts) from the contracts.
#
#   scripts/codegen.sh           regenerate gen/python and gen/ts in place
#   scripts/codegen.sh --check   exit 1 when gen/python or gen/ts is stale
#
# SOMA_PROTO_ROOT points at another contracts checkout (default: contracts/).
# PYTHON names the interpreter that has grpcio-tools (default: .venv/bin/python,
# else python3). The TypeScript generators (protoc-gen-es, tsc) come from scripts/ts,
# installed by `npm ci --prefix scripts/ts` (make install does it).
# Output is deterministic: the same contracts give the same bytes.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
proto_root=$(cd "${SOMA_PROTO_ROOT:-$repo/contracts}" && pwd)
python=${PYTHON:-}
if [[ -z $python ]]; then
  if [[ -x $repo/.venv/bin/python ]]; then python=$repo/.venv/bin/python; else python=python3; fi
fi
# Absolute, because protoc runs from inside the contracts root.
if [[ $python == */* ]]; then python=$(cd "$(dirname "$python")" && pwd)/$(basename "$python"); fi
check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: scripts/codegen.sh [--check]" >&2; exit 2 ;;
esac

out_final=$repo/gen/python
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$work/python
mkdir -p "$out/soma_proto"

# Google's protos come from the installed packages, never from copies here.
read -r api_include wkt_include < <("$python" - <<'PY'
import os, google.api, grpc_tools
print(os.path.dirname(os.path.dirname(google.api.__path__[0])),
      os.path.join(os.path.dirname(grpc_tools.__file__), "_proto"))
PY
)

version=$(tr -d '[:space:]' < "$proto_root/VERSION")
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "codegen: $proto_root/VERSION must hold a semver version, got '$version'" >&2; exit 1
fi

# Relative, sorted paths: the output must not depend on where the root lives.
mapfile -t protos < <(cd "$proto_root" && find soma -name '*.proto' | LC_ALL=C sort)
if [[ ${#protos[@]} -eq 0 ]]; then echo "codegen: no .proto files under $proto_root/soma" >&2; exit 1; fi

# Typed gRPC stubs (*_pb2_grpc.pyi) come from mypy-protobuf's plugin, next to the interpreter.
grpc_pyi_plugin=$(dirname "$python")/protoc-gen-mypy_grpc
if [[ ! -x $grpc_pyi_plugin ]]; then
  echo "codegen: $grpc_pyi_plugin not found; install the dev extras (pip install -e '.[dev]')" >&2; exit 1
fi
protoc=("$python" -m grpc_tools.protoc -I . -I "$api_include" -I "$wkt_include")
# The plugin reports every file it writes on stderr; show that only when protoc fails.
if ! (cd "$proto_root" && "${protoc[@]}" --python_out="$out" --pyi_out="$out" --grpc_python_out="$out" \
  --plugin=protoc-gen-mypy_grpc="$grpc_pyi_plugin" --mypy_grpc_out="$out" "${protos[@]}") 2>"$work/protoc.log"; then
  cat "$work/protoc.log" >&2; exit 1
fi
# The descriptor set also carries google.rpc.Status and its details: Envoy's transcoder
# needs them to render error details as JSON. Their Python code comes from googleapis.
(cd "$proto_root" && "${protoc[@]}" --descriptor_set_out="$out/soma_proto/soma.binpb" \
  --include_imports --include_source_info \
  "${protos[@]}" google/rpc/status.proto google/rpc/error_details.proto)

# Event topics: one constant per `(soma.common.v1.event)` declaration, for Python (soma.events.v1.topics, which
# imports nothing) and TypeScript (topics.ts, compiled with the rest of gen/ts below).
ts_src=$work/ts-src
mkdir -p "$ts_src"
"$python" "$repo/scripts/gen_topics.py" --descriptor-set "$out/soma_proto/soma.binpb" \
  --python-out "$out/soma/events/v1/topics.py" --ts-out "$ts_src/topics.ts"

# Every generated folder is a regular package so type checkers and setuptools see it.
while IFS= read -r dir; do
  : > "$dir/__init__.py"
done < <(find "$out/soma" -type d | LC_ALL=C sort)
: > "$out/soma/py.typed"

# -- TypeScript: gen/ts, the @soma/proto npm package ------------------------------------------------------------------
# protoc-gen-es writes the messages as TypeScript, scripts/ts/gen_rest.py the REST client from the google.api.http
# rules of the descriptor set above, scripts/ts/runtime/ is the client's hand-written runtime; tsc compiles the lot
# into js + d.ts, so consumers need no build step.
ts_tools=$repo/scripts/ts
es_plugin=$ts_tools/node_modules/.bin/protoc-gen-es
tsc=$ts_tools/node_modules/.bin/tsc
if [[ ! -x $es_plugin || ! -x $tsc ]]; then
  echo "codegen: $es_plugin or $tsc not found; install them with: npm ci --prefix scripts/ts (make install does)" >&2
  exit 1
fi
# Google's types the TypeScript needs and @bufbuild/protobuf does not ship (it ships google/protobuf/*).
ts_google=(google/api/annotations.proto google/api/http.proto google/api/field_behavior.proto
  google/rpc/status.proto google/rpc/error_details.proto google/rpc/code.proto)
ts_out=$work/ts
mkdir -p "$ts_src/rest"
if ! (cd "$proto_root" && "${protoc[@]}" --plugin=protoc-gen-es="$es_plugin" --es_out="$ts_src" \
  --es_opt=target=ts,import_extension=js,json_types=true "${protos[@]}" "${ts_google[@]}") 2>"$work/protoc-es.log"; then
  cat "$work/protoc-es.log" >&2; exit 1
fi
# The runtime the messages were generated against: @soma/proto depends on it (scripts/ts/package-lock.json pins it).
runtime_version=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' \
  "$ts_tools/node_modules/@bufbuild/protobuf/package.json")
"$python" "$ts_tools/gen_rest.py" --descriptor-set "$out/soma_proto/soma.binpb" --out "$ts_src" \
  --version "$version" --runtime-version "$runtime_version" "${protos[@]}" "${ts_google[@]}"
cp "$ts_tools"/runtime/*.ts "$ts_src/rest/"
ln -s "$ts_tools/node_modules" "$work/node_modules"
cat > "$work/tsconfig.json" <<JSON
{"extends": "$ts_tools/tsconfig.gen.json", "include": ["ts-src"], "compilerOptions": {"rootDir": "ts-src", "outDir": "ts"}}
JSON
if ! "$tsc" -p "$work/tsconfig.json" >"$work/tsc.log" 2>&1; then
  cat "$work/tsc.log" >&2; echo "codegen: tsc refused the generated TypeScript" >&2; exit 1
fi
cp "$ts_src/package.json" "$ts_src/README.md" "$ts_out/"

cat > "$out/soma_proto/_version.py" <<PY
"""The contract version these stubs were generated from. Generated by scripts/codegen.sh; do not edit."""

CONTRACT_VERSION = "$version"
PY

if $check; then
  status=0
  for part in soma soma_proto/soma.binpb soma_proto/_version.py; do
    if ! diff -r -q "$out/$part" "$out_final/$part" >"$work/diff" 2>&1; then
      cat "$work/diff" >&2
      status=1
    fi
  done
  # npm may install @soma/proto's own dependencies into gen/ts/node_modules when a consumer links it: not output.
  if ! diff -r -q --exclude=node_modules "$ts_out" "$repo/gen/ts" >"$work/diff" 2>&1; then
    cat "$work/diff" >&2
    status=1
  fi
  if [[ $status -ne 0 ]]; then
    echo "codegen: gen/ is stale; run scripts/codegen.sh and commit the result" >&2
  fi
  exit $status
fi

rm -rf "$out_final/soma" "$out_final/soma_proto/soma.binpb" "$out_final/soma_proto/_version.py"
mkdir -p "$out_final/soma_proto"
cp -r "$out/soma" "$out_final/soma"
cp "$out/soma_proto/soma.binpb" "$out/soma_proto/_version.py" "$out_final/soma_proto/"
mkdir -p "$repo/gen/ts"
find "$repo/gen/ts" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
cp -r "$ts_out/." "$repo/gen/ts/"
echo "codegen: ${#protos[@]} contracts -> gen/python and gen/ts (contract version $version)"
