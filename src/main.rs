//! The `parallax` binary: arguments to the CLI; errors to one line on stderr and exit code 1.

use clap::Parser as _;

fn main() -> std::process::ExitCode {
    let args = parallax::cli::Args::parse();
    match parallax::cli::run(args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            let message = format!("{err:#}").replace('\n', " ");
            eprintln!("parallax: error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
