# The two commands a newcomer needs (see README.md):
#   make serve   build the app in release and serve it on http://127.0.0.1:8080/
#   make test    run every test (native, in-browser, end to end)
#   make hub     build the app and the office hub, serve both on http://127.0.0.1:8090/ (SQLite)
# Each installs what it needs first (scripts/setup.sh; a second run skips what is there).

PORT ?= 8080
HUB_PORT ?= 8090

.PHONY: serve test setup build bench clean hub

serve: build
	node tools/serve.mjs --dir dist --host 127.0.0.1 --port $(PORT)

test:
	scripts/test.sh

# The office hub (hub/, issue 13): the sync API and the built app on one port. The database is
# DATABASE_URL, by default sentra-hub.db in this directory (SQLite, created if missing).
hub: build
	cargo run --locked --profile hub -p sentra-hub -- serve --host 127.0.0.1 --port $(HUB_PORT) --dist dist

setup:
	scripts/setup.sh

build: setup
	scripts/wasm-env.sh trunk build --release

bench: build
	scripts/bench.sh

clean:
	rm -rf dist target
