fn main() {
    std::process::exit(gatekeep::cli::main());
}
