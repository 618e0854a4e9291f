//! A `junheng serve` child process for the HTTP tests: killed and reaped when dropped, on a free
//! loopback port.
// Each test crate includes this module and uses part of it.
#![allow(dead_code)]

use std::net::TcpListener;
use std::process::Child;

pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
