//! shouhu (守护): the desk of a township child-welfare case officer.

fn main() -> std::process::ExitCode {
    shouhu::cli::main()
}
