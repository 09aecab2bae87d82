//! Spreadsheets: everything that knows the xlsx crates. `results.xlsx`
//! (written with rust_xlsxwriter), the fill-in forms cities and units
//! return, and `import`, which reads them back (with calamine).

pub mod cells;
mod decide;
#[cfg(test)]
mod every_cell;
mod filled;
pub mod forms;
pub mod gather;
pub mod grid;
pub mod host;
pub mod identity;
pub mod import;
mod inputs;
pub mod layout;
pub mod ods;
pub mod read;
pub mod results;
pub mod returned;
pub mod unzip;
pub mod values;
pub mod workbook;
pub mod yaml_out;
