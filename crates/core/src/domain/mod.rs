//! Domain types. Each keeps its Chinese planning term in its doc comment.

mod county;
mod facility;
pub mod limits;
mod population;

pub use county::*;
pub use facility::*;
pub use population::*;
