//! The `sentra-hub` command: serve the hub, enrol officers, list and revoke devices.
//! The database is `DATABASE_URL` (default: `sqlite://sentra-hub.db?mode=rwc`).

use clap::{Parser, Subcommand};
use sentra_hub::admin::{self, CODE_VALID_MS};
use sentra_hub::db::{now_ms, DEFAULT_URL};
use sentra_hub::Db;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sentra-hub",
    about = "Sentra's office hub: officers' devices sync with it"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serves the sync API and the built app on one port.
    Serve {
        #[arg(long, default_value_t = 8090)]
        port: u16,
        /// 127.0.0.1 behind a reverse proxy (TLS); 0.0.0.0 to listen on every interface.
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// The built app (`make build`).
        #[arg(long, default_value = "dist")]
        dist: PathBuf,
    },
    /// Officers and their one-time enrolment codes.
    Officer {
        #[command(subcommand)]
        command: OfficerCommand,
    },
    /// Enrolled devices.
    Device {
        #[command(subcommand)]
        command: DeviceCommand,
    },
}

#[derive(Subcommand)]
enum OfficerCommand {
    /// Adds an officer (or finds them) and prints a one-time code for one device.
    Add {
        name: String,
        /// The kabupaten/kota code, e.g. 35.29.
        #[arg(
            long,
            conflicts_with = "provinsi",
            required_unless_present = "provinsi"
        )]
        kabupaten: Option<String>,
        /// A province code for a province-wide role, e.g. 35.
        #[arg(long)]
        provinsi: Option<String>,
    },
    List,
}

#[derive(Subcommand)]
enum DeviceCommand {
    List,
    /// Revokes a device (its id, or the first characters of it): its token stops working.
    Revoke {
        device: String,
    },
}

fn when(ms: Option<i64>) -> String {
    ms.map_or("-".into(), |ms| {
        let iso = sentra::format::iso_utc(ms.max(0) as u64);
        format!("{} {} UTC", &iso[..10], &iso[11..16])
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_URL.to_string());
    let db = match Db::connect(&url).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("sentra-hub: cannot open the database: {e}");
            return ExitCode::FAILURE;
        }
    };
    match run(cli.command, db).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sentra-hub: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, db: Db) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        Command::Serve { port, host, dist } => {
            if !dist.join("index.html").exists() {
                eprintln!(
                    "sentra-hub: {} has no index.html (run `make build`); serving the API only",
                    dist.display()
                );
            }
            let listener = tokio::net::TcpListener::bind((host.as_str(), port)).await?;
            println!(
                "sentra-hub: http://{}/ ({}, app from {})",
                listener.local_addr()?,
                match db.engine {
                    sentra_hub::db::Engine::Sqlite => "SQLite",
                    sentra_hub::db::Engine::Postgres => "PostgreSQL",
                },
                dist.display()
            );
            // Ctrl-C, or SIGTERM from systemd or a container: stop taking requests, finish the
            // ones running. A push cut short by a harder stop rolls back; the device retries.
            let shutdown = async {
                let ctrl_c = tokio::signal::ctrl_c();
                #[cfg(unix)]
                {
                    let mut term =
                        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                            .expect("a SIGTERM handler");
                    tokio::select! {
                        _ = ctrl_c => {}
                        _ = term.recv() => {}
                    }
                }
                #[cfg(not(unix))]
                let _ = ctrl_c.await;
            };
            sentra_hub::serve(listener, sentra_hub::router(db, Some(dist)), shutdown).await?;
        }
        Command::Officer {
            command:
                OfficerCommand::Add {
                    name,
                    kabupaten,
                    provinsi,
                },
        } => {
            let scope = kabupaten.or(provinsi).unwrap_or_default();
            let e = admin::add_officer(&db, &name, &scope, now_ms() + CODE_VALID_MS).await?;
            println!("Officer:  {name} ({scope})");
            println!("Code:     {}", e.code);
            println!(
                "Valid until {} (one device, once).",
                when(Some(e.expires_ms))
            );
            println!("The officer types the hub's address and this code in Pengaturan.");
        }
        Command::Officer {
            command: OfficerCommand::List,
        } => {
            println!(
                "{:<17} {:<6} {:>7} {:>10}  name",
                "id", "scope", "devices", "open codes"
            );
            for o in admin::officers(&db).await? {
                println!(
                    "{:<17} {:<6} {:>7} {:>10}  {}",
                    o.id, o.scope, o.devices, o.open_codes, o.name
                );
            }
        }
        Command::Device {
            command: DeviceCommand::List,
        } => {
            println!(
                "{:<38} {:<6} {:<21} {:<21} {:<21} officer",
                "device", "scope", "enrolled", "last push", "revoked"
            );
            for d in admin::devices(&db).await? {
                println!(
                    "{:<38} {:<6} {:<21} {:<21} {:<21} {}",
                    d.id,
                    d.scope,
                    when(Some(d.enrolled_ms)),
                    when(d.last_push_ms),
                    when(d.revoked_ms),
                    d.officer
                );
            }
        }
        Command::Device {
            command: DeviceCommand::Revoke { device },
        } => {
            let id = admin::revoke(&db, &device).await?;
            println!("Revoked {id}: its token no longer works.");
        }
    }
    Ok(())
}
