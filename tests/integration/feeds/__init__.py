"""Integration tests of the feeds package: real sockets, a real bucket, a real reader."""
