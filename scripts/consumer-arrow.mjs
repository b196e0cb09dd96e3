// calling-cycle/arrow from the packed package by import; the checks are in the .cjs beside this file.
import * as arrow from 'apache-arrow';
import * as core from 'calling-cycle';
import * as edge from 'calling-cycle/arrow';
import check from './consumer-arrow.cjs';

check(core, edge, arrow, 'import');
