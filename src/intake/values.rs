//! A cell's value as the form would hold it: money, counts, dates and identifiers as offices write
//! them in their spreadsheets.
