import { describe, expect, it } from 'vitest';
import { isAsterisk, isPaired, lookup, ukForm } from '@/lib/coding/classification';
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

  it('reads the UK 5th characters and calls their four-character parent incomplete', () => {
    expect(lookup(c, 'icd10', 'S3250')).toMatchObject({ status: 'ok', code: 'S32.50' });
    expect(lookup(c, 'icd10', 's32.51')).toMatchObject({ status: 'ok', code: 'S32.51' });
    expect(lookup(c, 'icd10', 'S32.5')).toMatchObject({ status: 'incomplete', code: 'S32.5' });
    expect(lookup(c, 'icd10', 'M07.40')).toMatchObject({ status: 'ok', code: 'M07.40' });
    expect(lookup(c, 'icd10', 'M07.4')).toMatchObject({ status: 'incomplete' });
    // A 5th character on a category with no 4th: the filler X holds the place.
    expect(lookup(c, 'icd10', 'M45X0')).toMatchObject({ status: 'ok', code: 'M45.X0' });
    expect(lookup(c, 'icd10', 'M45')).toMatchObject({ status: 'incomplete', code: 'M45' });
    // WHO 2019's B18.00 is not in the UK 5th Edition.
    expect(lookup(c, 'icd10', 'B18.00')).toMatchObject({ status: 'unknown' });
  });

  it('reads the UK place-of-occurrence 4th characters and calls the bare category incomplete', () => {
    expect(lookup(c, 'icd10', 'W01.1')).toMatchObject({ status: 'ok', code: 'W01.1' });
    expect(lookup(c, 'icd10', 'W01.1').status === 'ok' && (lookup(c, 'icd10', 'W01.1') as { entry: { modifier: string } }).entry.modifier).toBe('Residential institution');
    expect(lookup(c, 'icd10', 'W01')).toMatchObject({ status: 'incomplete', code: 'W01' });
    expect(lookup(c, 'icd10', 'Y04.4')).toMatchObject({ status: 'ok' });
  });

  it('shows an undivided category with the filler X and nothing else', () => {
    expect(ukForm('icd10', 'I10')).toBe('I10X');
    expect(ukForm('icd10', 'S32.50')).toBe('S32.50');
    expect(ukForm('opcs4', 'H01')).toBe('H01');
  });

  it('does not offer OPCS-4 codes that 4.11 retired', () => {
    expect(lookup(c, 'opcs4', 'M27.1').status).toBe('unknown');
    expect(lookup(c, 'opcs4', 'M29.7')).toMatchObject({ status: 'ok' });
  });

  it('names the editions it reads', () => {
    expect(c.editions.icd10.name).toBe('ICD-10 5th Edition');
    expect(c.editions.opcs4.name).toBe('OPCS-4.11');
  });

  it('calls a category with subdivisions incomplete', () => {
    expect(lookup(c, 'icd10', 'K35')).toMatchObject({ status: 'incomplete', code: 'K35' });
    expect(lookup(c, 'opcs4', 'H01')).toMatchObject({ status: 'incomplete', code: 'H01' });
  });

  it('calls a well-shaped code that does not exist unknown', () => {
    expect(lookup(c, 'icd10', 'K35.7')).toMatchObject({ status: 'unknown', code: 'K35.7' });
    expect(lookup(c, 'icd10', 'K35X')).toMatchObject({ status: 'unknown' }); // the filler only for undivided categories
    expect(lookup(c, 'icd10', 'K35.88')).toMatchObject({ status: 'unknown', code: 'K35.88' });
    expect(lookup(c, 'icd10', 'K35X0')).toMatchObject({ status: 'unknown' });
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
