# The two commands a newcomer needs (see README.md):
#   make serve   build the app in release and serve it on http://127.0.0.1:8080/
#   make test    run every test (native, in-browser, end to end)
# Both install what they need first (scripts/setup.sh; a second run skips what is there).

PORT ?= 8080

.PHONY: serve test setup build bench clean

serve: build
	node tools/serve.mjs --dir dist --host 127.0.0.1 --port $(PORT)

test:
	scripts/test.sh

setup:
	scripts/setup.sh

build: setup
	scripts/wasm-env.sh trunk build --release

bench: build
	scripts/bench.sh

clean:
	rm -rf dist target
