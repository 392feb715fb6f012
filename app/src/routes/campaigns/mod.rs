//! Campaigns (依頼) of an event: the section of the event page that opens campaigns and
//! shows the completion board (`board`, `new_campaign`), and the page of one campaign
//! with its personal links (`page`, `copy_link`); `status` puts a company's status into
//! words; `summary` sums up the answers of one campaign.

pub mod board;
pub mod copy_link;
pub mod new_campaign;
pub mod page;
pub mod review;
pub mod status;
pub mod summary;
