//! `sentra-hub`: the office hub (issue 13). Devices enrol with a one-time code, push their
//! changes as bundles and pull what changed since their cursor; the hub merges with the app's own
//! pure code (`sentra::bundle`, `sentra::model::merge`, `sentra::sharing`) and keeps everything
//! in SQLite or PostgreSQL. Protocol: docs/sync-protocol.md.

pub mod admin;
pub mod api;
pub mod db;
pub mod pages;
pub mod photos;
pub mod push;
pub mod scope;
pub mod sync;

pub use api::router;
pub use db::Db;

/// Serves `router` on `listener` until the process is stopped (or `shutdown` resolves).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}
