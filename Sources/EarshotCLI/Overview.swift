// EarshotCLI: the `earshot` command line. It parses arguments, loads the configuration, builds
// the real parts (transfer engine, store, analysers), calls the rooms, prints results and maps
// failures to documented exit codes. It holds no domain logic of its own.
