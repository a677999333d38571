//! Data files compiled into the binary (formulations, filler words, numeral exceptions, report
//! templates) and their parsing.
