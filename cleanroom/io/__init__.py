"""Reading documents from files, folders and stdin; writing results; accounting for both."""
