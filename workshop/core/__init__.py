"""The core: decides everything; imports no UI, web or storage library."""
