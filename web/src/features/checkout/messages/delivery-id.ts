// Texts of the delivery panel (/track and /account/orders/:id) in Bahasa Indonesia: the
// reference shape for English. Kept with the panel, which is loaded on demand, so that
// the invoice and the order pages do not carry them before an order is paid.

export const deliveryId = {
  progressLabel: 'Progres pengiriman pesanan',
  processingTitle: 'Pesanan sedang diproses…',
  processingStock: 'Kode atau akun kamu muncul di sini begitu siap, biasanya dalam hitungan detik. Tidak perlu memuat ulang halaman.',
  processingInvite: 'Kami sedang menyiapkan undangan untuk {email}. Biasanya hanya butuh beberapa saat.',
  processingInviteNoEmail: 'Kami sedang menyiapkan undangan kamu. Biasanya hanya butuh beberapa saat.',
  sendingInvite: 'Undangan sedang dikirim ke {email}…',
  sendingInviteNoEmail: 'Undangan sedang dikirim…',
  deliveredTitle: 'Pesanan terkirim',
  itemsReadyOne: '1 item siap untuk kamu.',
  itemsReadyMany: '{count} item siap untuk kamu.',
  deliveredAt: 'Terkirim {time}',
  reveal: 'Tampilkan kode',
  revealNote: 'Setiap kali kode ditampilkan, kami mencatatnya. Jangan bagikan kode kepada siapa pun.',
  revealedOnce: 'Sudah ditampilkan 1 kali.',
  revealedMany: 'Sudah ditampilkan {count} kali.',
  itemsLabel: 'Kode dan akun pesanan kamu',
  itemLabel: 'Item {n}',
  revealEmpty: 'Belum ada kode yang bisa ditampilkan untuk pesanan ini. Hubungi kami dengan menyebut nomor pesanan.',
  copy: 'Salin',
  copyItem: 'Salin item {n}',
  copyAll: 'Salin semua',
  copied: 'Disalin',
  copiedItem: 'Item {n} disalin.',
  copiedAll: 'Semua item disalin.',
  copiedNumber: 'Nomor pesanan disalin.',
  copyFailed: 'Tidak bisa menyalin otomatis. Pilih teksnya, lalu salin.',
  copyNumber: 'Salin nomor pesanan',
  hide: 'Sembunyikan',
  revealNotDelivered:
    'Kode belum bisa ditampilkan karena pesanan belum selesai dikirim. Halaman ini diperbarui otomatis begitu siap.',
  revealNotFound:
    'Pesanan ini tidak ditemukan. Buka lagi tautan pelacakan dari email kamu, atau hubungi kami dengan menyebut nomor pesanan.',
  revealSignedOut: 'Sesi kamu sudah berakhir. Masuk lagi untuk menampilkan kode.',
  revealNetwork: 'Tidak ada koneksi internet. Periksa koneksi kamu, lalu coba lagi.',
  revealFailed: 'Kode tidak bisa ditampilkan sekarang. Coba lagi sebentar lagi, atau hubungi kami.',
  inviteSentTitle: 'Undangan terkirim',
  inviteSent:
    'Undangan sudah dikirim ke {email}. Buka kotak masuk (cek juga folder Spam/Promosi) dan terima undangannya.',
  inviteSentNoEmail:
    'Undangan sudah dikirim ke email yang kamu isi. Buka kotak masuk (cek juga folder Spam/Promosi) dan terima undangannya.',
  invitedEmail: 'Email yang diundang',
  sentAt: 'Dikirim {time}',
  providerNote: 'Catatan',
  inviteMissing: 'Undangan belum masuk setelah 30 menit? Hubungi kami dengan menyebut nomor pesanan.',
  awaitingTeamTitle: 'Sedang diproses oleh tim kami',
  awaitingTeam: 'Undangan untuk {email} akan dikirim langsung oleh tim kami.',
  awaitingTeamNoEmail: 'Pesanan kamu akan diselesaikan langsung oleh tim kami.',
  expectedBy: 'Perkiraan selesai sebelum {time}.',
  expectedLate:
    'Ini lebih lama dari perkiraan ({time}); tim kami masih mengerjakannya. Halaman ini diperbarui otomatis.',
  expectedUnknown: 'Halaman ini diperbarui otomatis begitu selesai.',
  troubleTitle: 'Ada kendala pada pesanan kamu',
  failed: 'Ada kendala saat mengirim pesanan kamu. Tim kami sudah diberi tahu dan akan menghubungi kamu.',
  attention: 'Pesanan ini perlu dicek tim kami sebelum dikirim. Tim kami sudah diberi tahu dan akan menghubungi kamu.',
  quoteNumber: 'Sebutkan nomor pesanan ini saat menghubungi kami',
} as const;

/** Turns the literal Indonesian strings into `string`, keeping the exact key tree. */
type Widen<T> = T extends string ? string : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape every language must have: exactly the keys of the Indonesian texts. */
export type DeliveryMessages = Widen<typeof deliveryId>;
