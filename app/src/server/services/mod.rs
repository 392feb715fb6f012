//! Business operations on a database connection, free of HTTP: server functions and
//! the CLI call these, and tests can too.

pub mod audit;
pub mod companies;
pub mod events;
pub mod officers;
pub mod roster;
