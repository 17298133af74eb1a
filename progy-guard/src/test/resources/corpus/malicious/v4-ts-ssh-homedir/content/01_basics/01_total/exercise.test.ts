import { strictEqual } from 'node:assert';
import { total } from './exercise';
strictEqual(total([1, 2, 3]), 6);
