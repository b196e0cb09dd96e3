// calling-cycle/zod from the packed package by import; the checks are in the .cjs beside this file.
import * as core from 'calling-cycle';
import * as edge from 'calling-cycle/zod';
import check from './consumer-zod.cjs';

check(core, edge, 'import');
