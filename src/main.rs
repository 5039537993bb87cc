use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = responsify::cli::Cli::parse();
    ExitCode::from(responsify::run::run(cli).code())
}
