use clap::Parser;
use std::process::ExitCode;

// Many small allocations on several threads: glibc's allocator took a third of a whole-repo
// check in profiles; mimalloc (as ruff uses) takes a fraction of that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = responsify::cli::Cli::parse();
    ExitCode::from(responsify::run::run(cli).code())
}
