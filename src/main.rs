use clap::Parser;
use std::process::ExitCode;

// Many small allocations on several threads: glibc's allocator took a third of a whole-repo
// check in profiles; mimalloc (as ruff uses) takes a fraction of that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = responsify::cli::Cli::parse();
    // Standard input, `convert` and one-file runs parse on this thread rather than on the
    // worker pool, so it gets the workers' large stack too (see `run::WORKER_STACK`).
    let worker = std::thread::Builder::new()
        .name("responsify".into())
        .stack_size(responsify::run::WORKER_STACK)
        .spawn(move || responsify::run::run(cli));
    let outcome = match worker.map(std::thread::JoinHandle::join) {
        Ok(Ok(outcome)) => outcome,
        // A panic has printed its message already; a thread that could not start has not.
        Ok(Err(_)) => responsify::run::Outcome::Error,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            responsify::run::Outcome::Error
        }
    };
    ExitCode::from(outcome.code())
}
