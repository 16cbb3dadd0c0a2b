-- Demo catalog of RuangPremium for local runs: categories, providers and products.
--
-- Idempotent: every row has a fixed uuid (other code and the Rust seeder refer to them)
-- and is upserted on its slug, so running this file again restores the demo content.
-- Stock items and provider accounts are not here: their secrets must be encrypted by the
-- application, so the Rust seeder adds them.
--
-- Fixed ids:
--   categories  c0000000-0000-4000-8000-0000000000NN
--   providers   b0000000-0000-4000-8000-0000000000NN
--   products    a0000000-0000-4000-8000-0000000000NN
--
-- Descriptions: paragraphs separated by a blank line; a paragraph whose lines start with
-- "- " is a bullet list.

-- ---------------------------------------------------------------------------------------
-- Categories
insert into public.product_categories (id, slug, name, description, icon, sort_order, active)
values
  ('c0000000-0000-4000-8000-000000000001', 'ai-produktivitas', 'AI & Produktivitas',
   'Asisten AI dan aplikasi kerja premium seperti ChatGPT dan Microsoft 365, siap dipakai untuk kuliah, kerja, dan bisnis.',
   '🤖', 10, true),
  ('c0000000-0000-4000-8000-000000000002', 'streaming-film-series', 'Streaming Film & Series',
   'Akun premium Netflix, Prime Video, Vidio, dan YouTube Premium untuk nonton film, series, dan olahraga tanpa iklan.',
   '🎬', 20, true),
  ('c0000000-0000-4000-8000-000000000003', 'musik', 'Musik',
   'Dengarkan musik dan podcast tanpa iklan, bisa diunduh untuk didengar offline.',
   '🎧', 30, true),
  ('c0000000-0000-4000-8000-000000000004', 'desain-editing', 'Desain & Editing',
   'Canva Pro dan CapCut Pro untuk desain konten, presentasi, dan edit video tanpa watermark.',
   '🎨', 40, true),
  ('c0000000-0000-4000-8000-000000000005', 'voucher-game', 'Voucher Game',
   'Kode voucher diamond Mobile Legends, Free Fire, Genshin Impact, Steam Wallet, dan Google Play. Kode langsung muncul setelah bayar.',
   '🎮', 50, true),
  ('c0000000-0000-4000-8000-000000000006', 'penyimpanan-cloud', 'Penyimpanan Cloud',
   'Tambahan ruang penyimpanan Google One untuk foto, video, Gmail, dan cadangan HP.',
   '☁️', 60, true),
  ('c0000000-0000-4000-8000-000000000007', 'software-lisensi', 'Software & Lisensi',
   'Kunci lisensi digital resmi untuk Windows dan software lainnya, dikirim otomatis.',
   '🔑', 70, true)
on conflict (slug) do update set
  name = excluded.name,
  description = excluded.description,
  icon = excluded.icon,
  sort_order = excluded.sort_order,
  active = excluded.active;

-- ---------------------------------------------------------------------------------------
-- Providers of the INVITE products. The 'simulated' adapter accepts every invitation, for
-- local demos; an admin switches a provider to a real adapter and sets its config.
-- A rerun only refreshes the name, so an adapter or config set locally is kept.
insert into public.providers (id, slug, name, adapter, config_ciphertext, active)
values
  ('b0000000-0000-4000-8000-000000000001', 'chatgpt-team', 'ChatGPT Team', 'simulated', null, true),
  ('b0000000-0000-4000-8000-000000000002', 'canva-teams', 'Canva Teams', 'simulated', null, true),
  ('b0000000-0000-4000-8000-000000000003', 'google-one-family', 'Google One Family', 'simulated', null, true),
  ('b0000000-0000-4000-8000-000000000004', 'spotify-family', 'Spotify Premium Family', 'simulated', null, true),
  ('b0000000-0000-4000-8000-000000000005', 'youtube-family', 'YouTube Premium Family', 'simulated', null, true),
  ('b0000000-0000-4000-8000-000000000006', 'microsoft-365-family', 'Microsoft 365 Family', 'simulated', null, true)
on conflict (slug) do update set
  name = excluded.name;

-- ---------------------------------------------------------------------------------------
-- Products. STOCK: no provider, input_schema '[]'. INVITE: provider + plan + the fields the
-- buyer fills in, and always one seat per order.
insert into public.products (
  id, category_id, type, slug, name, short_description, description, image_url,
  retail_price, reseller_price, active, featured, sort_order, must_read_notice,
  input_schema, max_per_order, provider_id, provider_plan
)
values
  -- AI & Produktivitas ------------------------------------------------------------------
  ('a0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'STOCK',
   'chatgpt-plus-1-bulan-sharing', 'ChatGPT Plus 1 Bulan (Akun Sharing)',
   'Akses ChatGPT Plus dengan model terbaru, upload file, dan buat gambar. Akun sharing siap pakai, dikirim otomatis setelah bayar QRIS.',
   'Nikmati ChatGPT Plus tanpa kartu kredit. Kamu mendapat login akun ChatGPT Plus yang dipakai bersama beberapa pengguna, cocok untuk tugas kuliah, menulis, coding, dan riset.

Yang kamu dapatkan:

- Email dan password akun ChatGPT Plus aktif
- Akses model terbaru, analisis file dan gambar, serta pembuatan gambar
- Masa aktif 30 hari sejak akun dikirim

Garansi:

- Garansi penuh 30 hari: jika akun tidak bisa login bukan karena kesalahanmu, kami ganti dengan akun baru
- Garansi hangus jika password, email, atau pengaturan keamanan akun diubah
- Batas pemakaian (rate limit) dibagi antar pengguna, jadi bukan alasan klaim garansi

Cara pengiriman:

- Bayar dengan QRIS dari e-wallet atau m-banking apa saja
- Setelah pembayaran terkonfirmasi, email dan password akun tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik
- Simpan tautan lacak pesanan agar data akun bisa dilihat lagi kapan saja',
   null, 45000, 40000, true, true, 10,
   'Akun ini dipakai bersama. Jangan ubah password, email, nama akun, atau mengaktifkan 2FA, dan jangan menghapus percakapan pengguna lain. Pelanggaran membuat garansi hangus tanpa refund.',
   '[]', 5, null, null),

  ('a0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000001', 'INVITE',
   'chatgpt-team-1-bulan', 'ChatGPT Team 1 Bulan (Invite Email)',
   'Kursi pribadi di workspace ChatGPT Team: pakai email kamu sendiri, riwayat chat tidak tercampur. Undangan dikirim otomatis ke email kamu.',
   'Gabung ke workspace ChatGPT Team memakai email kamu sendiri. Berbeda dengan akun sharing, kamu login dengan akunmu, dan percakapanmu tidak terlihat oleh pengguna lain.

Yang kamu dapatkan:

- Satu kursi (seat) di workspace ChatGPT Team
- Batas pemakaian model terbaru lebih longgar daripada paket Plus
- Data percakapan workspace tidak dipakai untuk melatih model
- Masa aktif 30 hari sejak undangan diterima

Garansi:

- Jika kamu dikeluarkan dari workspace sebelum 30 hari bukan karena pelanggaran, kami undang ulang gratis
- Keluar dari workspace atas kemauan sendiri tidak bisa diklaim

Cara pengiriman:

- Isi email yang akan diundang saat checkout, lalu bayar dengan QRIS
- Sistem otomatis mengirim undangan ChatGPT Team ke email tersebut, biasanya dalam beberapa menit
- Buka email dari OpenAI, klik Join workspace, lalu login dengan email yang sama
- Status undangan bisa dipantau di halaman lacak pesanan',
   null, 75000, 67000, true, true, 20,
   'Pastikan email yang kamu isi benar dan belum tergabung di workspace ChatGPT Team lain. Undangan yang terkirim ke email yang salah tidak bisa dibatalkan atau direfund.',
   '[{"key":"email","type":"email","required":true,"label":{"id":"Email yang akan diundang","en":"Email to invite"},"max_length":254},{"key":"note","type":"text","required":false,"label":{"id":"Catatan untuk admin","en":"Note for the admin"},"max_length":200}]',
   1, 'b0000000-0000-4000-8000-000000000001', 'team-monthly'),

  ('a0000000-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-000000000001', 'INVITE',
   'microsoft-365-family-1-tahun', 'Microsoft 365 Family 1 Tahun (Invite)',
   'Word, Excel, PowerPoint, Outlook versi terbaru plus 1 TB OneDrive selama 1 tahun, lewat undangan ke akun Microsoft kamu.',
   'Dapatkan Microsoft 365 lengkap untuk akun Microsoft milikmu sendiri. Kamu diundang sebagai anggota keluarga Microsoft 365 Family, jadi file dan langganan tetap atas nama akunmu.

Yang kamu dapatkan:

- Aplikasi Word, Excel, PowerPoint, Outlook, dan OneNote versi terbaru
- Bisa dipasang di PC, Mac, tablet, dan HP (hingga 5 perangkat aktif sekaligus)
- Penyimpanan OneDrive 1 TB khusus untuk akunmu
- Masa aktif 12 bulan sejak undangan diterima

Garansi:

- Garansi penuh 12 bulan: jika langganan hilang sebelum waktunya, kami undang ulang ke grup lain gratis
- File di OneDrive tetap milikmu dan tidak bisa dilihat anggota lain

Cara pengiriman:

- Isi email akun Microsoft (Outlook, Hotmail, atau email lain yang terdaftar di Microsoft) saat checkout, lalu bayar dengan QRIS
- Undangan dikirim otomatis ke email tersebut, biasanya dalam beberapa menit
- Buka email dari Microsoft, klik Terima undangan, lalu login ke office.com',
   null, 89000, 79000, true, false, 30,
   null,
   '[{"key":"email","type":"email","required":true,"label":{"id":"Email akun Microsoft yang akan diundang","en":"Microsoft account email to invite"},"max_length":254}]',
   1, 'b0000000-0000-4000-8000-000000000006', 'family-yearly'),

  -- Streaming Film & Series -------------------------------------------------------------
  ('a0000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000002', 'STOCK',
   'netflix-premium-1-bulan-sharing', 'Netflix Premium 1 Bulan (1 Profil Sharing)',
   'Netflix Premium kualitas Ultra HD 4K, 1 profil khusus untukmu selama 30 hari. Data akun dikirim otomatis setelah bayar QRIS.',
   'Nonton semua film dan series Netflix dalam kualitas terbaik dengan harga hemat. Satu akun Netflix Premium dibagi untuk beberapa orang, dan kamu mendapat satu profil sendiri.

Yang kamu dapatkan:

- Email dan password akun Netflix Premium, beserta nama dan PIN profil milikmu
- Kualitas streaming hingga Ultra HD 4K
- Bisa ditonton di 1 perangkat dalam satu waktu
- Masa aktif 30 hari sejak akun dikirim

Garansi:

- Garansi penuh 30 hari: jika akun tidak bisa dipakai bukan karena kesalahanmu, kami ganti akun baru
- Garansi hangus jika kamu mengubah password, PIN, profil lain, atau paket langganan

Cara pengiriman:

- Bayar dengan QRIS dari e-wallet atau m-banking apa saja
- Setelah pembayaran terkonfirmasi, data akun dan nomor profil tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 39000, 35000, true, true, 10,
   'Akun sharing: dilarang mengubah profil orang lain, PIN, password, email, atau paket langganan. Gunakan hanya profil sesuai nomor yang tertera dan maksimal 1 perangkat. Pelanggaran membuat garansi hangus tanpa refund.',
   '[]', 5, null, null),

  ('a0000000-0000-4000-8000-000000000005', 'c0000000-0000-4000-8000-000000000002', 'STOCK',
   'prime-video-1-bulan-sharing', 'Prime Video 1 Bulan (Sharing)',
   'Akses Amazon Prime Video selama 30 hari: film dan series Amazon Original dengan subtitle Indonesia. Akun dikirim otomatis.',
   'Tonton Amazon Original, film Hollywood, dan series populer di Prime Video dengan subtitle Bahasa Indonesia.

Yang kamu dapatkan:

- Email dan password akun Prime Video sharing dengan profil milikmu
- Kualitas streaming hingga HD
- Masa aktif 30 hari sejak akun dikirim

Garansi:

- Garansi penuh 30 hari untuk akun yang tidak bisa login bukan karena kesalahanmu
- Garansi hangus jika password atau profil lain diubah

Cara pengiriman:

- Bayar dengan QRIS, lalu data akun tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 15000, 13000, true, false, 20,
   'Akun sharing: dilarang mengubah password, email, atau profil orang lain. Pakai hanya profil sesuai nama yang tertera.',
   '[]', 5, null, null),

  ('a0000000-0000-4000-8000-000000000006', 'c0000000-0000-4000-8000-000000000002', 'STOCK',
   'vidio-platinum-1-bulan', 'Vidio Platinum 1 Bulan',
   'Nonton film, series Vidio Original, dan siaran olahraga pilihan tanpa iklan selama 30 hari. Akun dikirim otomatis.',
   'Vidio Platinum membuka tayangan premium Vidio: film Indonesia terbaru, Vidio Original, drama Korea, dan siaran olahraga yang termasuk dalam paket Platinum.

Yang kamu dapatkan:

- Email dan password akun Vidio dengan paket Platinum aktif
- Tanpa iklan, bisa ditonton di HP, tablet, dan laptop
- Masa aktif 30 hari sejak akun dikirim

Garansi:

- Garansi penuh 30 hari untuk akun yang tidak bisa login bukan karena kesalahanmu
- Pertandingan yang membutuhkan paket khusus (selain Platinum) tidak termasuk

Cara pengiriman:

- Bayar dengan QRIS, lalu data akun tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 25000, 22000, true, false, 30,
   null,
   '[]', 5, null, null),

  ('a0000000-0000-4000-8000-000000000007', 'c0000000-0000-4000-8000-000000000002', 'INVITE',
   'youtube-premium-1-bulan', 'YouTube Premium 1 Bulan (Invite Family)',
   'YouTube tanpa iklan, putar di latar belakang, dan YouTube Music Premium, langsung di akun Google kamu sendiri lewat undangan keluarga.',
   'Nikmati YouTube Premium di akun Google milikmu sendiri, jadi riwayat tontonan, langganan channel, dan playlist tetap aman. Kamu diundang ke grup keluarga YouTube Premium.

Yang kamu dapatkan:

- YouTube tanpa iklan di semua perangkat
- Putar video di latar belakang dan unduh untuk ditonton offline
- YouTube Music Premium
- Masa aktif 30 hari sejak undangan diterima

Garansi:

- Jika kamu dikeluarkan dari grup keluarga sebelum 30 hari bukan karena pelanggaran, kami undang ulang gratis
- Akun yang sudah berpindah grup keluarga dalam 12 bulan terakhir tidak bisa diundang (aturan Google), dan pesanan seperti ini tidak bisa direfund

Cara pengiriman:

- Isi alamat Gmail yang akan diundang saat checkout, lalu bayar dengan QRIS
- Undangan dikirim otomatis ke Gmail tersebut, biasanya dalam beberapa menit
- Buka email dari Google, klik Terima undangan, dan YouTube Premium langsung aktif',
   null, 15000, 13500, true, true, 40,
   'Akun Google kamu tidak boleh sedang tergabung di grup keluarga lain dan belum pernah pindah grup keluarga dalam 12 bulan terakhir. Keluar dulu dari grup keluarga lama sebelum membeli.',
   '[{"key":"email","type":"email","required":true,"label":{"id":"Alamat Gmail yang akan diundang","en":"Gmail address to invite"},"max_length":254}]',
   1, 'b0000000-0000-4000-8000-000000000005', 'family-monthly'),

  ('a0000000-0000-4000-8000-000000000008', 'c0000000-0000-4000-8000-000000000002', 'STOCK',
   'disney-plus-hotstar-1-bulan', 'Disney+ Hotstar 1 Bulan (Sharing)',
   'Film Disney, Pixar, Marvel, dan Star Wars selama 30 hari. Sementara tidak dijual.',
   'Produk ini sedang tidak dijual dan tidak tampil di katalog.

Yang kamu dapatkan:

- Email dan password akun Disney+ Hotstar sharing
- Masa aktif 30 hari sejak akun dikirim',
   null, 25000, 22000, false, false, 50,
   null,
   '[]', 5, null, null),

  -- Musik -------------------------------------------------------------------------------
  ('a0000000-0000-4000-8000-000000000009', 'c0000000-0000-4000-8000-000000000003', 'INVITE',
   'spotify-premium-1-bulan-family', 'Spotify Premium 1 Bulan (Invite Family)',
   'Spotify Premium di akun kamu sendiri: tanpa iklan, skip sepuasnya, dan download lagu. Playlist dan riwayat tetap aman.',
   'Upgrade akun Spotify milikmu ke Premium dengan bergabung ke paket Spotify Premium Family. Playlist, lagu yang disukai, dan rekomendasi tetap milikmu.

Yang kamu dapatkan:

- Musik dan podcast tanpa iklan
- Skip lagu sepuasnya dan putar lagu apa pun
- Download lagu untuk didengar offline
- Masa aktif 30 hari sejak undangan diterima

Garansi:

- Jika Premium hilang sebelum 30 hari bukan karena pelanggaran, kami undang ulang gratis
- Akun yang sedang berlangganan Premium lain harus berhenti berlangganan dulu

Cara pengiriman:

- Isi email akun Spotify kamu saat checkout, lalu bayar dengan QRIS
- Undangan paket Family dikirim otomatis ke email tersebut, biasanya dalam beberapa menit
- Buka email dari Spotify, klik Terima undangan, lalu konfirmasi alamat yang tertera di undangan',
   null, 18000, 16000, true, false, 10,
   'Jangan keluar dari paket Family dan jangan mengubah alamat rumah yang sudah dikonfirmasi. Akun yang keluar sendiri dari paket tidak mendapat garansi.',
   '[{"key":"email","type":"email","required":true,"label":{"id":"Email akun Spotify yang akan diundang","en":"Spotify account email to invite"},"max_length":254}]',
   1, 'b0000000-0000-4000-8000-000000000004', 'family-monthly'),

  ('a0000000-0000-4000-8000-000000000010', 'c0000000-0000-4000-8000-000000000003', 'STOCK',
   'spotify-premium-individual-3-bulan', 'Spotify Premium Individual 3 Bulan (Akun Baru)',
   'Akun Spotify Premium Individual baru, aktif 3 bulan. Ganti password sesukamu karena akun ini milikmu sendiri.',
   'Akun Spotify baru dengan paket Premium Individual aktif selama 3 bulan. Akun ini hanya untukmu, jadi kamu bebas mengganti password dan mengatur profil.

Yang kamu dapatkan:

- Email dan password akun Spotify Premium Individual baru
- Musik dan podcast tanpa iklan, skip sepuasnya, dan download offline
- Masa aktif 90 hari sejak akun dikirim

Garansi:

- Garansi penuh 90 hari: jika Premium hilang sebelum waktunya, kami ganti akun baru dengan sisa masa aktif
- Segera ganti password setelah login pertama

Cara pengiriman:

- Bayar dengan QRIS, lalu email dan password akun tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 55000, 49000, true, false, 20,
   null,
   '[]', 3, null, null),

  -- Desain & Editing --------------------------------------------------------------------
  ('a0000000-0000-4000-8000-000000000011', 'c0000000-0000-4000-8000-000000000004', 'INVITE',
   'canva-pro-1-bulan', 'Canva Pro 1 Bulan (Invite Tim)',
   'Semua fitur Canva Pro di akun Canva kamu sendiri selama 30 hari: template premium, hapus latar belakang, dan Magic Studio.',
   'Aktifkan Canva Pro di akun Canva milikmu dengan bergabung ke tim Canva Teams. Desain lamamu tetap aman di akunmu.

Yang kamu dapatkan:

- Jutaan template, foto, video, dan elemen premium
- Hapus latar belakang sekali klik, Magic Resize, dan fitur AI Magic Studio
- Brand Kit dan penyimpanan cloud 1 TB
- Masa aktif 30 hari sejak undangan diterima

Garansi:

- Jika kamu dikeluarkan dari tim sebelum 30 hari bukan karena pelanggaran, kami undang ulang gratis
- Simpan desain penting di folder pribadi, bukan di folder tim

Cara pengiriman:

- Isi email akun Canva kamu saat checkout, lalu bayar dengan QRIS
- Undangan tim dikirim otomatis ke email tersebut, biasanya dalam beberapa menit
- Buka email dari Canva, klik Gabung ke tim, dan fitur Pro langsung aktif',
   null, 12000, 10500, true, false, 10,
   null,
   '[{"key":"email","type":"email","required":true,"label":{"id":"Email akun Canva yang akan diundang","en":"Canva account email to invite"},"max_length":254}]',
   1, 'b0000000-0000-4000-8000-000000000002', 'pro-monthly'),

  ('a0000000-0000-4000-8000-000000000012', 'c0000000-0000-4000-8000-000000000004', 'INVITE',
   'canva-pro-1-tahun', 'Canva Pro 1 Tahun (Invite Tim)',
   'Canva Pro setahun penuh di akun Canva kamu sendiri dengan harga paling hemat. Undangan tim dikirim otomatis ke email kamu.',
   'Pilihan paling hemat untuk kreator, UMKM, guru, dan mahasiswa. Kamu bergabung ke tim Canva Teams selama 12 bulan memakai akun Canva milikmu sendiri.

Yang kamu dapatkan:

- Semua fitur Canva Pro: template, foto, dan elemen premium
- Hapus latar belakang, Magic Resize, Brand Kit, dan fitur AI Magic Studio
- Penyimpanan cloud 1 TB
- Masa aktif 12 bulan sejak undangan diterima

Garansi:

- Garansi penuh 12 bulan: jika kamu dikeluarkan dari tim bukan karena pelanggaran, kami undang ulang ke tim lain gratis
- Simpan desain penting di folder pribadi agar tetap ada jika pindah tim

Cara pengiriman:

- Isi email akun Canva kamu saat checkout, lalu bayar dengan QRIS
- Undangan tim dikirim otomatis ke email tersebut, biasanya dalam beberapa menit
- Buka email dari Canva dan klik Gabung ke tim',
   null, 45000, 40000, true, true, 20,
   'Jangan keluar dari tim dan jangan mengundang orang lain ke tim. Akun yang keluar sendiri atau mengundang anggota lain dikeluarkan tanpa garansi.',
   '[{"key":"email","type":"email","required":true,"label":{"id":"Email akun Canva yang akan diundang","en":"Canva account email to invite"},"max_length":254},{"key":"note","type":"text","required":false,"label":{"id":"Catatan untuk admin","en":"Note for the admin"},"max_length":200}]',
   1, 'b0000000-0000-4000-8000-000000000002', 'pro-yearly'),

  ('a0000000-0000-4000-8000-000000000013', 'c0000000-0000-4000-8000-000000000004', 'STOCK',
   'capcut-pro-1-bulan', 'CapCut Pro 1 Bulan (Akun Sharing)',
   'Edit video tanpa watermark dengan efek, filter, dan fitur AI CapCut Pro selama 30 hari. Akun dikirim otomatis setelah bayar.',
   'CapCut Pro membuka semua efek, transisi, filter, dan fitur AI premium untuk konten TikTok, Reels, dan YouTube.

Yang kamu dapatkan:

- Email dan password akun CapCut Pro sharing
- Ekspor tanpa watermark hingga 4K
- Efek, filter, template, dan fitur AI premium
- Masa aktif 30 hari sejak akun dikirim

Garansi:

- Garansi penuh 30 hari untuk akun yang tidak bisa login bukan karena kesalahanmu
- Garansi hangus jika password atau email akun diubah

Cara pengiriman:

- Bayar dengan QRIS, lalu data akun tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 22000, 19500, true, false, 30,
   'Jangan ubah password atau email akun, dan jangan hapus proyek milik pengguna lain. Login hanya di 1 perangkat.',
   '[]', 5, null, null),

  ('a0000000-0000-4000-8000-000000000014', 'c0000000-0000-4000-8000-000000000004', 'STOCK',
   'capcut-pro-1-tahun', 'CapCut Pro 1 Tahun (Akun Private)',
   'Akun CapCut Pro private aktif 12 bulan, hanya untukmu. Bebas ganti password, proyek tidak tercampur pengguna lain.',
   'Akun CapCut Pro khusus untuk satu pembeli selama setahun penuh. Cocok untuk kreator yang rutin mengedit dan butuh ruang cloud sendiri.

Yang kamu dapatkan:

- Email dan password akun CapCut Pro private
- Ekspor tanpa watermark hingga 4K, efek dan fitur AI premium
- Penyimpanan cloud CapCut untuk proyekmu sendiri
- Masa aktif 12 bulan sejak akun dikirim

Garansi:

- Garansi penuh 12 bulan: jika Pro hilang sebelum waktunya, kami ganti akun baru dengan sisa masa aktif
- Segera ganti password setelah login pertama

Cara pengiriman:

- Bayar dengan QRIS, lalu data akun tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 125000, 112000, true, false, 40,
   null,
   '[]', 3, null, null),

  -- Voucher Game ------------------------------------------------------------------------
  ('a0000000-0000-4000-8000-000000000015', 'c0000000-0000-4000-8000-000000000005', 'STOCK',
   'mobile-legends-86-diamonds', 'Mobile Legends 86 Diamonds',
   'Kode voucher 86 Diamonds Mobile Legends: Bang Bang. Kode muncul dalam hitungan detik setelah bayar QRIS.',
   'Kode voucher resmi untuk menambah 86 Diamonds ke akun Mobile Legends: Bang Bang milikmu.

Yang kamu dapatkan:

- 1 kode voucher senilai 86 Diamonds untuk setiap jumlah yang dibeli
- Panduan penukaran kode disertakan bersama kode

Cara pakai:

- Buka halaman penukaran voucher yang tertera bersama kode
- Masukkan User ID dan Zone ID Mobile Legends, lalu kode voucher
- Diamonds masuk ke akun dalam beberapa menit

Garansi:

- Setiap kode dijamin belum pernah dipakai
- Jika kode ditolak saat penukaran pertama, kirim tangkapan layar ke admin dalam 1x24 jam untuk penggantian
- Kode yang sudah ditukarkan ke ID yang salah tidak bisa dikembalikan

Cara pengiriman:

- Bayar dengan QRIS, lalu kode tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 22000, 20500, true, true, 10,
   null,
   '[]', 20, null, null),

  ('a0000000-0000-4000-8000-000000000016', 'c0000000-0000-4000-8000-000000000005', 'STOCK',
   'mobile-legends-172-diamonds', 'Mobile Legends 172 Diamonds',
   'Kode voucher 172 Diamonds Mobile Legends: Bang Bang. Cukup untuk skin Elite atau Starlight. Dikirim otomatis.',
   'Kode voucher resmi untuk menambah 172 Diamonds ke akun Mobile Legends: Bang Bang milikmu.

Yang kamu dapatkan:

- 1 kode voucher senilai 172 Diamonds untuk setiap jumlah yang dibeli
- Panduan penukaran kode disertakan bersama kode

Cara pakai:

- Buka halaman penukaran voucher yang tertera bersama kode
- Masukkan User ID dan Zone ID Mobile Legends, lalu kode voucher
- Diamonds masuk ke akun dalam beberapa menit

Garansi:

- Setiap kode dijamin belum pernah dipakai
- Jika kode ditolak saat penukaran pertama, kirim tangkapan layar ke admin dalam 1x24 jam untuk penggantian

Cara pengiriman:

- Bayar dengan QRIS, lalu kode tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 43000, 40000, true, false, 20,
   null,
   '[]', 20, null, null),

  ('a0000000-0000-4000-8000-000000000017', 'c0000000-0000-4000-8000-000000000005', 'STOCK',
   'mobile-legends-257-diamonds', 'Mobile Legends 257 Diamonds',
   'Kode voucher 257 Diamonds Mobile Legends: Bang Bang, lebih hemat per diamond. Kode dikirim otomatis setelah bayar.',
   'Kode voucher resmi untuk menambah 257 Diamonds ke akun Mobile Legends: Bang Bang milikmu.

Yang kamu dapatkan:

- 1 kode voucher senilai 257 Diamonds untuk setiap jumlah yang dibeli
- Panduan penukaran kode disertakan bersama kode

Cara pakai:

- Buka halaman penukaran voucher yang tertera bersama kode
- Masukkan User ID dan Zone ID Mobile Legends, lalu kode voucher
- Diamonds masuk ke akun dalam beberapa menit

Garansi:

- Setiap kode dijamin belum pernah dipakai
- Jika kode ditolak saat penukaran pertama, kirim tangkapan layar ke admin dalam 1x24 jam untuk penggantian

Cara pengiriman:

- Bayar dengan QRIS, lalu kode tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 64000, 59500, true, false, 30,
   null,
   '[]', 20, null, null),

  ('a0000000-0000-4000-8000-000000000018', 'c0000000-0000-4000-8000-000000000005', 'STOCK',
   'free-fire-140-diamonds', 'Free Fire 140 Diamonds',
   'Kode voucher 140 Diamonds Garena Free Fire. Kode muncul dalam hitungan detik setelah bayar QRIS.',
   'Kode voucher resmi untuk menambah 140 Diamonds ke akun Garena Free Fire milikmu.

Yang kamu dapatkan:

- 1 kode voucher senilai 140 Diamonds untuk setiap jumlah yang dibeli
- Panduan penukaran kode disertakan bersama kode

Cara pakai:

- Buka halaman penukaran voucher yang tertera bersama kode
- Login atau masukkan Player ID Free Fire, lalu kode voucher
- Diamonds masuk ke akun dalam beberapa menit

Garansi:

- Setiap kode dijamin belum pernah dipakai
- Jika kode ditolak saat penukaran pertama, kirim tangkapan layar ke admin dalam 1x24 jam untuk penggantian

Cara pengiriman:

- Bayar dengan QRIS, lalu kode tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 19500, 18000, true, false, 40,
   null,
   '[]', 20, null, null),

  ('a0000000-0000-4000-8000-000000000019', 'c0000000-0000-4000-8000-000000000005', 'STOCK',
   'free-fire-355-diamonds', 'Free Fire 355 Diamonds',
   'Kode voucher 355 Diamonds Garena Free Fire untuk Elite Pass dan bundle favorit. Dikirim otomatis.',
   'Kode voucher resmi untuk menambah 355 Diamonds ke akun Garena Free Fire milikmu.

Yang kamu dapatkan:

- 1 kode voucher senilai 355 Diamonds untuk setiap jumlah yang dibeli
- Panduan penukaran kode disertakan bersama kode

Cara pakai:

- Buka halaman penukaran voucher yang tertera bersama kode
- Login atau masukkan Player ID Free Fire, lalu kode voucher
- Diamonds masuk ke akun dalam beberapa menit

Garansi:

- Setiap kode dijamin belum pernah dipakai
- Jika kode ditolak saat penukaran pertama, kirim tangkapan layar ke admin dalam 1x24 jam untuk penggantian

Cara pengiriman:

- Bayar dengan QRIS, lalu kode tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 48000, 44500, true, false, 50,
   null,
   '[]', 20, null, null),

  ('a0000000-0000-4000-8000-000000000020', 'c0000000-0000-4000-8000-000000000005', 'STOCK',
   'genshin-impact-330-genesis-crystals', 'Genshin Impact 300+30 Genesis Crystals',
   'Kode voucher 300 Genesis Crystals plus bonus 30 untuk Genshin Impact, semua server. Kode dikirim otomatis setelah bayar.',
   'Kode voucher untuk menambah Genesis Crystals ke akun Genshin Impact milikmu. Berlaku untuk server Asia, America, Europe, dan TW/HK/MO.

Yang kamu dapatkan:

- 1 kode voucher senilai 300 Genesis Crystals + 30 bonus untuk setiap jumlah yang dibeli
- Panduan penukaran kode disertakan bersama kode

Cara pakai:

- Buka halaman penukaran voucher yang tertera bersama kode
- Masukkan UID dan pilih server akun Genshin Impact, lalu kode voucher
- Genesis Crystals dikirim lewat surat (mail) di dalam game

Garansi:

- Setiap kode dijamin belum pernah dipakai
- Jika kode ditolak saat penukaran pertama, kirim tangkapan layar ke admin dalam 1x24 jam untuk penggantian
- Bonus top-up pertama mengikuti aturan resmi game

Cara pengiriman:

- Bayar dengan QRIS, lalu kode tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 76000, 71500, true, false, 60,
   null,
   '[]', 10, null, null),

  ('a0000000-0000-4000-8000-000000000021', 'c0000000-0000-4000-8000-000000000005', 'STOCK',
   'steam-wallet-idr-60000', 'Steam Wallet IDR 60.000',
   'Kode Steam Wallet senilai Rp 60.000 untuk akun Steam region Indonesia. Beli game, DLC, dan item di Steam.',
   'Kode Steam Wallet resmi untuk mengisi saldo dompet Steam. Saldo bisa dipakai membeli game, DLC, dan item di Steam Community Market.

Yang kamu dapatkan:

- 1 kode Steam Wallet senilai Rp 60.000 untuk setiap jumlah yang dibeli
- Khusus akun Steam dengan mata uang Rupiah (region Indonesia)

Cara pakai:

- Buka Steam, pilih nama akun di kanan atas, lalu Account details dan Add funds to your Steam Wallet
- Pilih Redeem a Steam Gift Card or Wallet Code dan masukkan kode

Garansi:

- Setiap kode dijamin belum pernah dipakai
- Jika kode ditolak saat penukaran pertama, kirim tangkapan layar ke admin dalam 1x24 jam untuk penggantian
- Kode yang sudah ditukarkan tidak bisa dikembalikan

Cara pengiriman:

- Bayar dengan QRIS, lalu kode tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 67000, 63500, true, false, 70,
   'Kode ini hanya untuk akun Steam region Indonesia (saldo dalam Rupiah). Kode tidak bisa ditukar di akun region lain dan tidak bisa direfund setelah dikirim.',
   '[]', 10, null, null),

  ('a0000000-0000-4000-8000-000000000022', 'c0000000-0000-4000-8000-000000000005', 'STOCK',
   'google-play-voucher-50000', 'Voucher Google Play Rp 50.000',
   'Kode voucher Google Play senilai Rp 50.000 untuk top-up game, aplikasi, dan langganan di Play Store Indonesia.',
   'Kode voucher resmi untuk menambah saldo Google Play. Saldo bisa dipakai untuk membeli aplikasi, item dalam game, film, buku, dan langganan.

Yang kamu dapatkan:

- 1 kode voucher Google Play senilai Rp 50.000 untuk setiap jumlah yang dibeli
- Khusus akun Google Play dengan negara Indonesia

Cara pakai:

- Buka Play Store, ketuk foto profil, lalu Pembayaran & langganan dan Tukarkan kode
- Masukkan kode, lalu saldo langsung bertambah

Garansi:

- Setiap kode dijamin belum pernah dipakai
- Jika kode ditolak saat penukaran pertama, kirim tangkapan layar ke admin dalam 1x24 jam untuk penggantian

Cara pengiriman:

- Bayar dengan QRIS, lalu kode tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 54000, 51000, true, false, 80,
   null,
   '[]', 10, null, null),

  -- Penyimpanan Cloud -------------------------------------------------------------------
  ('a0000000-0000-4000-8000-000000000023', 'c0000000-0000-4000-8000-000000000006', 'INVITE',
   'google-one-2tb-1-bulan', 'Google One 2 TB 1 Bulan (Invite Family)',
   'Tambah penyimpanan 2 TB bersama untuk Google Drive, Gmail, dan Google Foto di akun Google kamu sendiri lewat undangan keluarga.',
   'Kehabisan ruang Google? Gabung ke grup keluarga Google One 2 TB dengan akun Google milikmu sendiri. File kamu tetap pribadi dan tidak bisa dilihat anggota lain.

Yang kamu dapatkan:

- Akses ke penyimpanan bersama 2 TB untuk Google Drive, Gmail, dan Google Foto
- File dan foto tetap pribadi di akunmu
- Masa aktif 30 hari sejak undangan diterima

Garansi:

- Jika kamu dikeluarkan dari grup keluarga sebelum 30 hari bukan karena pelanggaran, kami undang ulang gratis
- Penyimpanan 2 TB dipakai bersama hingga 6 anggota, jadi hindari menyimpan lebih dari 300 GB

Cara pengiriman:

- Isi alamat Gmail yang akan diundang saat checkout, lalu bayar dengan QRIS
- Undangan dikirim otomatis ke Gmail tersebut, biasanya dalam beberapa menit
- Buka email dari Google dan klik Terima undangan',
   null, 25000, 22000, true, false, 10,
   'Akun Google kamu tidak boleh sedang tergabung di grup keluarga lain. Saat masa aktif habis, kapasitas kembali ke 15 GB gratis, jadi pindahkan file lebih dulu jika tidak diperpanjang.',
   '[{"key":"email","type":"email","required":true,"label":{"id":"Alamat Gmail yang akan diundang","en":"Gmail address to invite"},"max_length":254}]',
   1, 'b0000000-0000-4000-8000-000000000003', '2tb-monthly'),

  ('a0000000-0000-4000-8000-000000000024', 'c0000000-0000-4000-8000-000000000006', 'INVITE',
   'google-one-2tb-1-tahun', 'Google One 2 TB 1 Tahun (Invite Family)',
   'Penyimpanan bersama 2 TB selama 12 bulan untuk Drive, Gmail, dan Google Foto, jauh lebih hemat daripada bayar bulanan.',
   'Paket tahunan Google One 2 TB lewat grup keluarga, memakai akun Google milikmu sendiri. Cocok untuk cadangan foto HP dan arsip kerja.

Yang kamu dapatkan:

- Akses ke penyimpanan bersama 2 TB untuk Google Drive, Gmail, dan Google Foto
- File dan foto tetap pribadi di akunmu
- Masa aktif 12 bulan sejak undangan diterima

Garansi:

- Garansi penuh 12 bulan: jika kamu dikeluarkan dari grup keluarga bukan karena pelanggaran, kami undang ulang ke grup lain gratis
- Penyimpanan 2 TB dipakai bersama hingga 6 anggota, jadi hindari menyimpan lebih dari 300 GB

Cara pengiriman:

- Isi alamat Gmail yang akan diundang saat checkout, lalu bayar dengan QRIS
- Undangan dikirim otomatis ke Gmail tersebut, biasanya dalam beberapa menit
- Buka email dari Google dan klik Terima undangan',
   null, 149000, 135000, true, false, 20,
   'Akun Google kamu tidak boleh sedang tergabung di grup keluarga lain dan belum pernah pindah grup keluarga dalam 12 bulan terakhir.',
   '[{"key":"email","type":"email","required":true,"label":{"id":"Alamat Gmail yang akan diundang","en":"Gmail address to invite"},"max_length":254},{"key":"note","type":"text","required":false,"label":{"id":"Catatan untuk admin","en":"Note for the admin"},"max_length":200}]',
   1, 'b0000000-0000-4000-8000-000000000003', '2tb-yearly'),

  -- Software & Lisensi ------------------------------------------------------------------
  ('a0000000-0000-4000-8000-000000000025', 'c0000000-0000-4000-8000-000000000007', 'STOCK',
   'windows-11-pro-lisensi-digital', 'Windows 11 Pro (Lisensi Digital)',
   'Product key Windows 11 Pro untuk 1 PC, aktivasi online permanen. Kunci lisensi dikirim otomatis setelah bayar QRIS.',
   'Aktifkan Windows 11 Pro di PC atau laptop kamu. Bisa dipakai untuk upgrade dari Windows 11 Home atau instalasi baru.

Yang kamu dapatkan:

- 1 product key Windows 11 Pro untuk 1 perangkat
- Aktivasi online, berlaku permanen di perangkat tersebut
- Panduan aktivasi disertakan bersama kunci

Cara pakai:

- Buka Pengaturan, pilih Sistem lalu Aktivasi
- Pilih Ubah kunci produk dan masukkan product key
- Pastikan PC terhubung ke internet saat aktivasi

Garansi:

- Kunci dijamin belum pernah dipakai
- Jika aktivasi gagal, kirim tangkapan layar pesan error ke admin dalam 3x24 jam untuk bantuan atau penggantian
- Ganti perangkat keras utama (motherboard) bisa membuat lisensi tidak aktif dan tidak termasuk garansi

Cara pengiriman:

- Bayar dengan QRIS, lalu product key tampil di halaman lacak pesanan dan dikirim ke email kamu dalam hitungan detik',
   null, 95000, 85000, true, false, 10,
   null,
   '[]', 5, null, null)
on conflict (slug) do update set
  category_id = excluded.category_id,
  type = excluded.type,
  name = excluded.name,
  short_description = excluded.short_description,
  description = excluded.description,
  image_url = excluded.image_url,
  retail_price = excluded.retail_price,
  reseller_price = excluded.reseller_price,
  active = excluded.active,
  featured = excluded.featured,
  sort_order = excluded.sort_order,
  must_read_notice = excluded.must_read_notice,
  input_schema = excluded.input_schema,
  max_per_order = excluded.max_per_order,
  provider_id = excluded.provider_id,
  provider_plan = excluded.provider_plan;
