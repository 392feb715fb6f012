//! sea-orm entities. They stay on the server: pages get DTOs from `crate::api`.

pub mod company;
pub mod contact;
pub mod event;
pub mod officer;
pub mod participation;
pub mod session;
