//! Tokopay client (being written).
