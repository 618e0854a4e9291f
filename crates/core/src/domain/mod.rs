//! Domain types. Each keeps its Chinese planning term in its doc comment.

mod actuals;
mod county;
mod facility;
pub mod limits;
mod population;

pub use actuals::*;
pub use county::*;
pub use facility::*;
pub use population::*;
