// Loads calling-cycle/ical from the installed package by import and checks the file it writes:
// CRLF lines of at most 75 octets, escaped TEXT, stable UIDs, DTSTAMP from the stamp, and timed
// events with a VTIMEZONE for the rep's zone.
// The checks themselves are in the .cjs beside this file, shared by both ways of loading.
import * as core from 'calling-cycle';
import * as edge from 'calling-cycle/ical';
import check from './consumer-ical.cjs';

check(core, edge, 'import');
