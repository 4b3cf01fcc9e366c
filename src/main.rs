fn main() {
    std::process::exit(newslint::cli::main());
}
