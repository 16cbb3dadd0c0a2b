import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/forms/use-form';
import { accountSchema } from './api/account-schema';
import { profilePatch, profileSchema } from './profile-schema';

const account = { display_name: 'Budi', whatsapp: '+6281234567890' };

describe('profile form', () => {
  it('sends only what changed', () => {
    const unchanged = z.parse(profileSchema, { name: 'Budi', whatsapp: '0812-3456-7890' });
    expect(profilePatch(account, unchanged)).toEqual({});
    const renamed = z.parse(profileSchema, { name: ' Budi S. ', whatsapp: '+62 812 3456 7890' });
    expect(profilePatch(account, renamed)).toEqual({ display_name: 'Budi S.' });
  });

  it('normalises a new number and clears an emptied one', () => {
    expect(profilePatch(account, z.parse(profileSchema, { name: 'Budi', whatsapp: '0857 1111 2222' }))).toEqual({
      whatsapp: '+6285711112222',
    });
    expect(profilePatch(account, z.parse(profileSchema, { name: 'Budi', whatsapp: '' }))).toEqual({
      whatsapp: null,
    });
  });

  it('fills in a first name and number for an empty profile', () => {
    const values = z.parse(profileSchema, { name: 'Sari', whatsapp: '628111222333' });
    expect(profilePatch({ display_name: null, whatsapp: null }, values)).toEqual({
      display_name: 'Sari',
      whatsapp: '+628111222333',
    });
  });

  it('rejects an empty name and a bad number', () => {
    expect(fieldErrorsOf(profileSchema, { name: ' ', whatsapp: '0812' })).toEqual({
      name: 'nameRequired',
      whatsapp: 'whatsappInvalid',
    });
  });
});

describe('account response', () => {
  it('parses the API answer and ignores roles it does not know', () => {
    expect(
      z.parse(accountSchema, {
        id: 'u1',
        email: 'budi@example.com',
        display_name: null,
        whatsapp: null,
        roles: ['member', 'reseller', 'auditor'],
        created_at: '2026-11-25T10:00:00Z',
      }),
    ).toEqual({
      id: 'u1',
      email: 'budi@example.com',
      display_name: null,
      whatsapp: null,
      roles: ['member', 'reseller'],
      created_at: '2026-11-25T10:00:00Z',
    });
  });
});
