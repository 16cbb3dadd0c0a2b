// The texts of the shared form fields (components/form-field.tsx) and of the
// ValidationKeys of lib/forms, in Bahasa Indonesia: the reference shape for every other
// language. Loaded with every page that has a form.

export const formsId = {
  forms: {
    showPassword: 'Tampilkan kata sandi',
    hidePassword: 'Sembunyikan kata sandi',
    optional: '(opsional)',
    email: 'Email',
    emailPlaceholder: 'nama@email.com',
    whatsappPlaceholder: '0812-3456-7890',
    whatsappHint: 'Untuk kabar pesanan. Boleh ditulis 08…, 628…, atau +628….',
    whatsappNormalised: 'Disimpan sebagai {number}',
  },
  validation: {
    emailRequired: 'Masukkan alamat email.',
    emailInvalid: 'Format email tidak valid, contoh: nama@email.com.',
    passwordRequired: 'Masukkan kata sandi.',
    passwordTooShort: 'Kata sandi minimal 6 karakter.',
    passwordTooLong: 'Kata sandi maksimal 72 karakter.',
    confirmRequired: 'Ketik ulang kata sandi di sini.',
    passwordMismatch: 'Kata sandi tidak sama.',
    nameRequired: 'Masukkan nama kamu.',
    nameTooLong: 'Nama maksimal 80 karakter.',
    whatsappInvalid: 'Nomor WhatsApp tidak valid. Gunakan nomor Indonesia, contoh 0812-3456-7890.',
    whatsappRequired: 'Masukkan nomor WhatsApp, contoh 0812-3456-7890.',
    fieldRequired: 'Wajib diisi.',
    fieldTooLong: 'Isian terlalu panjang.',
    phoneInvalid: 'Nomor telepon tidak valid, contoh 0812-3456-7890.',
  },
} as const;
