import { describe, expect, it } from 'vitest';
import { isAsterisk, isPaired, lookup } from '@/lib/coding/classification';
import { loadClassification } from '@/lib/coding/load';

const c = loadClassification();

describe('reading a code as coders type it', () => {
  it.each([
    ['K35.8', 'K35.8'],
    ['k358', 'K35.8'],
    [' K35 .8 ', 'K35.8'],
    ['I10', 'I10'],
    ['I10X', 'I10'],
    ['i10.x', 'I10'],
  ])('reads ICD-10 %j as %s', (input, code) => {
    expect(lookup(c, 'icd10', input)).toMatchObject({ status: 'ok', code });
  });

  it('reads OPCS-4 codes with or without the dot', () => {
    expect(lookup(c, 'opcs4', 'h011')).toMatchObject({ status: 'ok', code: 'H01.1' });
    expect(lookup(c, 'opcs4', 'Y75.2')).toMatchObject({ status: 'ok', code: 'Y75.2' });
  });

  it('reads the few five-character codes and calls their four-character parent incomplete', () => {
    expect(lookup(c, 'icd10', 'B1800')).toMatchObject({ status: 'ok', code: 'B18.00' });
    expect(lookup(c, 'icd10', 'B18.0')).toMatchObject({ status: 'incomplete', code: 'B18.0' });
  });

  it('calls a category with subdivisions incomplete', () => {
    expect(lookup(c, 'icd10', 'K35')).toMatchObject({ status: 'incomplete', code: 'K35' });
    expect(lookup(c, 'opcs4', 'H01')).toMatchObject({ status: 'incomplete', code: 'H01' });
  });

  it('calls a well-shaped code that does not exist unknown', () => {
    expect(lookup(c, 'icd10', 'K35.7')).toMatchObject({ status: 'unknown', code: 'K35.7' });
    expect(lookup(c, 'icd10', 'K35X')).toMatchObject({ status: 'unknown' }); // the filler only for undivided categories
    expect(lookup(c, 'icd10', 'K35.88')).toMatchObject({ status: 'unknown', code: 'K35.88' });
  });

  it('calls anything else invalid', () => {
    for (const input of ['', 'appendicitis', 'K3', '35.8', 'K35.888', 'KK5.8']) expect(lookup(c, 'icd10', input).status).toBe('invalid_format');
    expect(lookup(c, 'opcs4', 'H01.X').status).toBe('invalid_format');
  });

  it('knows asterisk codes and their dagger pairs', () => {
    expect(isAsterisk(c, 'H36.0')).toBe(true);
    expect(isAsterisk(c, 'G63.2')).toBe(true);
    expect(isAsterisk(c, 'E10.3')).toBe(false);
    expect(isPaired(c, 'E10.3', 'H36.0')).toBe(true);
    expect(isPaired(c, 'E11.4', 'G63.2')).toBe(true);
    expect(isPaired(c, 'K35.8', 'H36.0')).toBe(false);
    // A range across letters (C00-D48) reaches the D categories.
    expect(isPaired(c, 'D37.0', 'D63.0')).toBe(true);
  });
});
