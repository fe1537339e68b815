pub mod portal;
pub mod staff;
