//! The `isnad` command: parses arguments, calls the library, maps outcomes to exit codes
//! (0 success, 1 some inputs rejected, 2 usage or fatal error; a closed pipe exits 0).

mod cli;

use clap::{CommandFactory, Parser};
use cli::{AnalyzeCommand, Cli, Command};
use isnad::commands::{self as cmd, open, Shape};
use isnad::pipeline::IngestOptions;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            let broken_pipe = error.chain().any(|cause| {
                cause
                    .downcast_ref::<isnad::Error>()
                    .is_some_and(isnad::Error::is_broken_pipe)
                    || cause
                        .downcast_ref::<std::io::Error>()
                        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if !broken_pipe {
                let _ = writeln!(std::io::stderr(), "isnad: {error:#}");
            }
            ExitCode::from(if broken_pipe { 0 } else { 2 })
        }
    }
}

/// Runs one command; false when some input was rejected.
fn run(cli: Cli) -> anyhow::Result<bool> {
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    // stderr is not held locked: the server's request threads write their log lines to it.
    let (out, err) = (&mut stdout.lock(), &mut std::io::stderr());
    if !cli.lexicon.is_empty() {
        isnad::pipeline::load_lexicons(&cli.lexicon)?;
    }
    cmd::set_graph_store(cli.graph_store.clone());
    let store = cli.store.as_path();
    match cli.command {
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "isnad", out)
        }
        Command::Analyze {
            what: AnalyzeCommand::Report { format },
        } => cmd::analyze_report(&cli::reader(store, err)?, format.into(), out)?,
        Command::Analyze {
            what: AnalyzeCommand::Path { a, b },
        } => cmd::analyze_path(&open(store)?, &a, &b, out)?,
        Command::Serve(args) => {
            let stop = cli::stop_flag()?;
            // Without updates the server only reads: beside another holder it reads too.
            let store = if args.allow_update {
                open(store)?
            } else {
                cli::reader(store, err)?
            };
            isnad::serve::serve(std::sync::Arc::new(store), args.into(), stop)?
        }
        Command::Watch { dir } => {
            isnad::watch::watch(&open(store)?, &dir, &*cli::stop_flag()?, out)?
        }
        Command::Remove { targets } => cmd::remove(&open(store)?, &targets, out)?,
        Command::Extract(a) => return Ok(cmd::extract(&a.paths, a.shard, &a.output, out, err)?),
        Command::Resolve => cmd::resolve(&open(store)?, out)?,
        Command::Explain { target } => cmd::explain(store, &target, out)?,
        Command::Queries { queries_dir } => cmd::list_queries(&cli::queries_dir(queries_dir), out)?,
        Command::Ingest { paths, dry_run } => {
            let options = IngestOptions {
                progress: true,
                dry_run,
            };
            let summary = isnad::pipeline::ingest_paths(&open(store)?, &paths, options)?;
            return Ok(cmd::print_ingest(&summary, out, err)?);
        }
        Command::Query(args) => cmd::run_query(store, &args.into(), terminal, out, err)?,
        Command::Export(args) => {
            let table = matches!(
                args.format,
                cli::ExportFormat::Acled | cli::ExportFormat::Plover
            );
            if let Some(count) = cmd::export(&cli::reader(store, err)?, &args.into(), out)? {
                let what = if table { "events" } else { "statements" };
                writeln!(err, "exported {count} {what}")?;
            }
        }
        Command::Link(args) => {
            let (remote, shape) = (args.remote.options(), args.format.into());
            let t = args.thresholds();
            cmd::link(&open(store)?, &remote, t, args.dry_run, shape, out, err)?
        }
        Command::Enrich { remote } => cmd::enrich(&open(store)?, &remote.options(), out)?,
        Command::Load { files, graph } => cmd::load(&open(store)?, &files, graph.as_deref(), out)?,
        Command::Stats { json } => {
            let shape = if json { Shape::Json } else { Shape::Text };
            cmd::print_stats(&cli::reader(store, err)?, shape, out)?
        }
        Command::Build {
            corpus,
            exports,
            queries_dir,
        } => {
            let store = open(store)?;
            return Ok(cmd::build(
                &store,
                &corpus,
                &cli::queries_dir(queries_dir),
                &exports,
                out,
                err,
            )?);
        }
    }
    Ok(true)
}
