import type { StaticContent } from './types';

// Konten halaman statis dalam Bahasa Indonesia.

export const idContent: StaticContent = {
  faq: {
    intro:
      'Jawaban singkat untuk pertanyaan yang paling sering kami terima. Tidak menemukan jawabannya? Admin kami siap membantu.',
    stillNeedHelp: 'Masih ada pertanyaan?',
    contactLink: 'Hubungi admin',
    groups: [
      {
        title: 'Pembayaran',
        items: [
          {
            id: 'cara-bayar-qris',
            question: 'Bagaimana cara membayar dengan QRIS?',
            answer:
              'Setelah checkout, kamu akan melihat kode QRIS dari Tokopay beserta nominal yang harus dibayar.\n\n- Buka aplikasi e-wallet (GoPay, OVO, DANA, ShopeePay, LinkAja) atau m-banking yang mendukung QRIS.\n- Pindai kode QR di layar, atau simpan gambarnya lalu unggah dari galeri.\n- Pastikan nominalnya sama persis, lalu konfirmasi pembayaran.\n\nTidak perlu mengirim bukti transfer: status pesanan berubah otomatis begitu pembayaran diterima.',
          },
          {
            id: 'batas-waktu',
            question: 'Berapa lama batas waktu pembayaran?',
            answer:
              'Setiap kode QRIS berlaku terbatas, dan sisa waktunya terlihat di halaman tagihan. Jika waktunya habis, pesanan dibatalkan otomatis dan stok dikembalikan. Jangan membayar kode QRIS yang sudah kedaluwarsa; cukup buat pesanan baru.',
          },
          {
            id: 'biaya-tambahan',
            question: 'Apakah ada biaya tambahan?',
            answer:
              'Harga di halaman produk adalah harga yang kamu bayar. Jika ada biaya layanan pembayaran, biaya itu ditampilkan di rincian harga sebelum kamu membayar, tidak pernah ditambahkan diam-diam.',
          },
          {
            id: 'sudah-bayar',
            question: 'Saya sudah membayar, tetapi status pesanan belum berubah.',
            answer:
              'Biasanya pembayaran terkonfirmasi dalam hitungan detik, tetapi kadang bank atau e-wallet butuh beberapa menit. Muat ulang halaman pelacakan pesanan. Jika setelah 15 menit statusnya belum berubah, hubungi admin dengan nomor pesanan dan bukti pembayaran. Jangan membayar dua kali.',
          },
        ],
      },
      {
        title: 'Produk & pengiriman',
        items: [
          {
            id: 'stok-vs-undangan',
            question: 'Apa beda produk “Kode & Akun” dan “Undangan Tim”?',
            answer:
              '- Kode & Akun: kode voucher, kunci lisensi, atau data akun dari stok kami. Dikirim begitu pembayaran terkonfirmasi, dan jumlah stoknya terlihat di setiap produk.\n- Undangan Tim: kamu mendapat kursi di langganan tim yang kami kelola, misalnya ChatGPT Team atau Canva Teams. Saat checkout kamu mengisi email yang akan diundang, lalu menerima undangan resmi dari penyedia layanan di email tersebut.',
          },
          {
            id: 'lama-pengiriman',
            question: 'Berapa lama pesanan dikirim?',
            answer:
              'Semua pesanan diproses otomatis 24 jam. Produk Kode & Akun biasanya terkirim dalam hitungan detik. Undangan Tim biasanya selesai dalam beberapa menit; saat ramai atau ketika penyedia membatasi undangan, prosesnya bisa lebih lama dan sistem mencoba lagi secara otomatis. Status yang jujur selalu terlihat di halaman pelacakan.',
          },
          {
            id: 'tempat-pengiriman',
            question: 'Di mana saya menerima produknya?',
            answer:
              'Hasil pesanan (kode, data akun, atau status undangan) tampil di halaman pelacakan pesanan dan dikirim ke email kamu. Jika nomor WhatsApp diisi, kami juga mengirim notifikasinya lewat WhatsApp.',
          },
          {
            id: 'kode-tidak-berfungsi',
            question: 'Kode tidak berfungsi. Apa yang harus saya lakukan?',
            answer:
              'Pertama, cek lagi petunjuk di deskripsi produk: wilayah akun, langkah penukaran, dan syaratnya. Jika tetap gagal, hubungi admin dalam masa garansi dengan:\n\n- nomor pesanan atau tautan pelacakan,\n- tangkapan layar pesan error,\n- waktu saat kamu mencoba menukarnya.\n\nKami memeriksa setiap klaim dan mengganti kode yang terbukti bermasalah sesuai ketentuan garansi.',
          },
        ],
      },
      {
        title: 'Akun, keamanan & pelacakan',
        items: [
          {
            id: 'tanpa-akun',
            question: 'Apakah saya harus membuat akun?',
            answer:
              'Tidak. Kamu bisa checkout sebagai tamu cukup dengan nama, email, dan nomor WhatsApp. Setelah checkout kamu menerima tautan pelacakan untuk mengikuti status pesanan. Dengan akun member, kamu juga mendapat riwayat pesanan dan poin.',
          },
          {
            id: 'tautan-pelacakan',
            question: 'Bagaimana cara melacak pesanan?',
            answer:
              'Tautan pelacakan dikirim ke email (dan WhatsApp, jika diisi) setelah checkout. Simpan baik-baik dan jangan dibagikan: siapa pun yang memegang tautan itu bisa melihat hasil pesananmu.',
          },
          {
            id: 'keamanan-akun',
            question: 'Apakah akun saya aman?',
            answer:
              'Untuk Undangan Tim kami hanya membutuhkan alamat email, tidak pernah kata sandimu. Admin {shop} tidak akan pernah meminta kata sandi atau kode OTP. Untuk akun dari stok kami, jangan mengubah email, kata sandi, atau profil kecuali deskripsi produk mengizinkannya, karena perubahan itu membatalkan garansi.',
          },
        ],
      },
      {
        title: 'Refund & garansi',
        items: [
          {
            id: 'refund',
            question: 'Apakah bisa refund?',
            answer:
              'Produk digital yang sudah terkirim tidak bisa dibatalkan atau dikembalikan. Dana dikembalikan penuh jika:\n\n- kami tidak bisa mengirim pesanan setelah pembayaran diterima, misalnya stok habis atau undangan gagal permanen;\n- produk terbukti bermasalah dan kami tidak dapat menggantinya.\n\nRefund diproses paling lambat 7 hari kerja setelah disetujui, ke rekening bank atau e-wallet atas nama pembeli.',
          },
          {
            id: 'salah-email',
            question: 'Saya salah mengisi email untuk undangan.',
            answer:
              'Segera hubungi admin sebelum undangan diterima. Kami akan berusaha membatalkan dan mengirim ulang undangan ke email yang benar, tetapi hal ini tidak selalu bisa dilakukan setelah undangan terkirim.',
          },
          {
            id: 'masa-garansi',
            question: 'Berapa lama masa garansinya?',
            answer:
              'Masa garansi tertulis di deskripsi setiap produk. Jika tidak tertulis, klaim kode diterima dalam 1 x 24 jam setelah pesanan terkirim, dan undangan tim bergaransi selama masa aktif yang disebutkan di produk. Rincian lengkap ada di Syarat & Ketentuan.',
          },
        ],
      },
    ],
  },

  terms: {
    intro:
      'Syarat dan ketentuan ini berlaku untuk setiap pembelian di {shop}. Dengan membuat pesanan, kamu menyatakan telah membaca dan menyetujuinya.',
    updated: '2025-01-15',
    sections: [
      {
        id: 'layanan',
        title: '1. Layanan kami',
        body: '{shop} menjual produk digital: kode voucher, kunci lisensi, data akun, dan kursi pada langganan tim (misalnya ChatGPT Team atau Canva Teams). Produk dikirim secara elektronik; tidak ada barang fisik yang dikirim.',
      },
      {
        id: 'data-pembeli',
        title: '2. Data pembeli',
        body: 'Kamu wajib mengisi nama, email, dan nomor WhatsApp yang benar dan aktif, serta data tambahan yang diminta produk (misalnya email yang akan diundang). Kesalahan pengisian data menjadi tanggung jawab pembeli. Jika kamu belum berusia 18 tahun, pembelian harus dengan izin orang tua atau wali.',
      },
      {
        id: 'harga-pembayaran',
        title: '3. Harga dan pembayaran',
        body: '- Harga tercantum dalam rupiah dan sudah termasuk pajak yang berlaku.\n- Pembayaran dilakukan melalui QRIS yang diproses oleh Tokopay.\n- Pesanan baru diproses setelah sistem kami menerima konfirmasi pembayaran.\n- Bayar sesuai nominal yang tertera sebelum batas waktu; pesanan yang tidak dibayar akan kedaluwarsa otomatis.\n- Harga dapat berubah sewaktu-waktu, tetapi tidak memengaruhi pesanan yang sudah dibuat.',
      },
      {
        id: 'pengiriman',
        title: '4. Pengiriman',
        body: 'Pesanan dikirim otomatis setelah pembayaran terkonfirmasi. Produk Kode & Akun ditampilkan di halaman pelacakan dan dikirim ke email pembeli. Untuk Undangan Tim, undangan dikirim ke email yang kamu isi saat checkout dan harus diterima dalam waktu yang ditentukan penyedia layanan. Keterlambatan karena gangguan pihak ketiga dapat terjadi; statusnya selalu kami tampilkan apa adanya.',
      },
      {
        id: 'garansi',
        title: '5. Garansi',
        body: 'Masa garansi tertulis di deskripsi setiap produk. Jika tidak tertulis, berlaku ketentuan berikut:\n\n- Kode dan lisensi: klaim diterima dalam 1 x 24 jam setelah pesanan terkirim, untuk kode yang tidak valid saat pertama kali ditukar.\n- Akun dan undangan tim: bergaransi selama masa aktif yang disebutkan di produk.\n\nGaransi tidak berlaku jika pembeli melanggar aturan penyedia layanan, mengubah data akun bersama, membagikan akun kepada orang lain, menggunakan produk untuk hal yang dilarang, mengajukan klaim setelah masa garansi, atau jika kendala disebabkan perangkat, jaringan, atau wilayah akun pembeli. Klaim diajukan melalui admin dengan nomor pesanan dan bukti kendala.',
      },
      {
        id: 'larangan',
        title: '6. Penggunaan yang dilarang',
        body: 'Kamu tidak boleh menggunakan {shop} atau produk yang dibeli untuk:\n\n- kegiatan yang melanggar hukum Republik Indonesia;\n- penipuan, pencucian uang, atau pembayaran dengan dana yang bukan milikmu;\n- penyalahgunaan kupon, poin, atau promo;\n- upaya mengganggu, membobol, atau membebani sistem kami;\n- pelanggaran syarat layanan penyedia produk.\n\nKami berhak menolak atau membatalkan pesanan yang terindikasi melanggar ketentuan ini.',
      },
      {
        id: 'refund',
        title: '7. Pembatalan dan pengembalian dana',
        body: 'Produk digital yang sudah terkirim tidak dapat dibatalkan atau dikembalikan. Dana dikembalikan penuh jika kami gagal mengirim pesanan yang sudah dibayar, atau jika produk terbukti bermasalah dan tidak dapat diganti. Pengembalian dana diproses paling lambat 7 hari kerja setelah disetujui, ke rekening bank atau e-wallet atas nama pembeli.',
      },
      {
        id: 'merek',
        title: '8. Merek pihak ketiga',
        body: 'Nama produk seperti ChatGPT, Canva, Netflix, Spotify, CapCut, Google One, dan Mobile Legends adalah merek dagang milik pemiliknya masing-masing. {shop} tidak berafiliasi dengan pemilik merek tersebut. Penggunaan layanan mereka tunduk pada syarat layanan masing-masing penyedia.',
      },
      {
        id: 'tanggung-jawab',
        title: '9. Batas tanggung jawab',
        body: 'Sejauh diizinkan hukum, tanggung jawab {shop} atas suatu pesanan terbatas pada jumlah yang kamu bayarkan untuk pesanan tersebut. Kami tidak bertanggung jawab atas perubahan kebijakan, gangguan, atau penghentian layanan oleh penyedia pihak ketiga.',
      },
      {
        id: 'perubahan',
        title: '10. Perubahan ketentuan',
        body: 'Kami dapat memperbarui ketentuan ini. Tanggal pembaruan terakhir tercantum di bagian atas halaman. Setiap pesanan tunduk pada ketentuan yang berlaku saat pesanan dibuat.',
      },
      {
        id: 'hukum',
        title: '11. Hukum yang berlaku',
        body: 'Ketentuan ini diatur oleh hukum Republik Indonesia, termasuk Undang-Undang No. 8 Tahun 1999 tentang Perlindungan Konsumen. Perselisihan diselesaikan terlebih dahulu secara musyawarah. Jika tidak tercapai kesepakatan, perselisihan diselesaikan melalui Badan Penyelesaian Sengketa Konsumen atau pengadilan negeri yang berwenang.',
      },
      {
        id: 'kontak',
        title: '12. Kontak',
        body: 'Pertanyaan tentang ketentuan ini dapat dikirim ke {email} atau WhatsApp {whatsapp}.',
      },
    ],
  },

  privacy: {
    intro:
      '{shop} hanya mengumpulkan data yang dibutuhkan untuk memproses dan mengirim pesananmu. Kebijakan ini menjelaskan data apa yang kami kumpulkan, untuk apa, berapa lama disimpan, dan hak-hakmu berdasarkan Undang-Undang No. 27 Tahun 2022 tentang Pelindungan Data Pribadi (UU PDP).',
    updated: '2025-01-15',
    sections: [
      {
        id: 'data-dikumpulkan',
        title: '1. Data yang kami kumpulkan',
        body: '- Identitas dan kontak: nama, alamat email, dan nomor WhatsApp.\n- Data pesanan: produk, jumlah, harga, status pesanan, serta data yang kamu isi untuk produk tertentu (misalnya email yang akan diundang).\n- Data pembayaran: nomor referensi, nominal, dan status dari Tokopay. Kami tidak menerima atau menyimpan PIN, kata sandi, maupun data rekening e-wallet atau bank kamu.\n- Data akun (jika mendaftar): email, kata sandi yang di-hash, riwayat pesanan, dan poin.\n- Data teknis: alamat IP, jenis peramban, dan catatan akses untuk keamanan dan pencegahan penipuan.\n- Percakapan dengan admin saat kamu menghubungi kami.',
      },
      {
        id: 'tujuan',
        title: '2. Tujuan penggunaan',
        body: '- Memproses, mengirim, dan menampilkan status pesanan.\n- Mengirim hasil pesanan, tautan pelacakan, dan notifikasi lewat email atau WhatsApp.\n- Menangani pertanyaan dan klaim garansi.\n- Mencegah penipuan dan penyalahgunaan.\n- Memenuhi kewajiban hukum, termasuk perpajakan dan akuntansi.\n\nKami tidak menjual data pribadimu dan tidak mengirim promosi tanpa persetujuanmu.',
      },
      {
        id: 'dasar-pemrosesan',
        title: '3. Dasar pemrosesan',
        body: 'Sesuai UU PDP, kami memproses data untuk memenuhi perjanjian jual beli denganmu, untuk memenuhi kewajiban hukum, untuk kepentingan yang sah seperti keamanan sistem, dan atas persetujuanmu untuk hal yang bersifat opsional.',
      },
      {
        id: 'berbagi-data',
        title: '4. Pihak yang menerima data',
        body: '- Tokopay, sebagai pemroses pembayaran QRIS (nomor referensi dan nominal).\n- Penyedia layanan langganan, untuk Undangan Tim (hanya email yang diundang).\n- Penyedia pengiriman email dan WhatsApp, untuk notifikasi.\n- Penyedia infrastruktur server yang menyimpan data atas nama kami.\n- Aparat yang berwenang, jika diwajibkan oleh peraturan perundang-undangan.\n\nSetiap pihak hanya menerima data yang mereka perlukan.',
      },
      {
        id: 'retensi',
        title: '5. Penyimpanan dan retensi',
        body: '- Data pesanan dan transaksi: disimpan selama diwajibkan peraturan perpajakan dan akuntansi, paling lama 10 tahun.\n- Data akun: selama akun aktif, dan dihapus atau dianonimkan setelah kamu meminta penghapusan, kecuali yang wajib disimpan menurut hukum.\n- Catatan teknis: 90 hari.\n- Percakapan dukungan: 1 tahun.',
      },
      {
        id: 'keamanan',
        title: '6. Keamanan',
        body: 'Data dikirim melalui koneksi terenkripsi (HTTPS). Kode, data akun, dan hasil pesanan disimpan terenkripsi, dan akses ke data dibatasi hanya untuk staf yang berwenang. Jika terjadi kegagalan pelindungan data pribadi, kami memberi tahu kamu dan otoritas terkait paling lambat 3 x 24 jam, sesuai UU PDP.',
      },
      {
        id: 'hak',
        title: '7. Hak kamu',
        body: 'Berdasarkan UU PDP, kamu berhak untuk:\n\n- mendapatkan informasi tentang pemrosesan data pribadimu;\n- mengakses dan memperoleh salinan datamu;\n- memperbaiki data yang tidak akurat;\n- meminta penghapusan atau pemusnahan data;\n- menarik kembali persetujuan yang pernah diberikan;\n- mengajukan keberatan atas keputusan yang diambil hanya secara otomatis;\n- membatasi atau menunda pemrosesan;\n- menerima datamu dalam format yang umum digunakan;\n- menggugat dan menerima ganti rugi atas pelanggaran pemrosesan data pribadi.\n\nKirim permintaan ke {email}. Kami menanggapinya sesuai tenggat waktu dalam UU PDP, umumnya paling lambat 3 x 24 jam.',
      },
      {
        id: 'penyimpanan-lokal',
        title: '8. Cookie dan penyimpanan lokal',
        body: 'Kami memakai penyimpanan lokal peramban untuk mengingat pilihan bahasa dan, jika kamu masuk, sesi login. Kami tidak memakai pelacak iklan pihak ketiga.',
      },
      {
        id: 'anak',
        title: '9. Anak',
        body: 'Layanan kami tidak ditujukan untuk anak. Data pribadi anak hanya diproses dengan persetujuan orang tua atau wali, sesuai UU PDP.',
      },
      {
        id: 'perubahan',
        title: '10. Perubahan kebijakan',
        body: 'Kami dapat memperbarui kebijakan ini. Tanggal pembaruan terakhir tercantum di bagian atas halaman; perubahan penting kami umumkan di situs ini.',
      },
      {
        id: 'kontak',
        title: '11. Kontak',
        body: 'Untuk pertanyaan atau permintaan terkait data pribadi, hubungi kami di {email} atau WhatsApp {whatsapp}.',
      },
    ],
  },

  support: {
    intro:
      'Pesanan diproses otomatis 24 jam. Jika ada kendala, admin kami siap membantu lewat WhatsApp atau email.',
    hoursTitle: 'Jam operasional',
    hours: 'Setiap hari, pukul 09.00–21.00 WIB.\n\nDi luar jam tersebut pesanan tetap diproses otomatis; pesanmu kami balas di jam operasional berikutnya.',
    includeTitle: 'Agar cepat terbantu, sertakan',
    include:
      '- Nomor pesanan atau tautan pelacakan.\n- Nama produk dan email yang dipakai saat checkout.\n- Tangkapan layar kendala atau pesan error.\n- Bukti pembayaran, jika kendalanya soal pembayaran.',
    neverTitle: 'Jangan pernah kirimkan',
    never:
      'Kata sandi, kode OTP, atau PIN. Admin {shop} tidak akan pernah memintanya. Waspadai pihak yang mengaku sebagai admin dan meminta data tersebut.',
    responseTitle: 'Waktu respons',
    response:
      'Pesan WhatsApp biasanya dibalas dalam 1 jam di jam operasional. Email dibalas paling lambat 1 x 24 jam.',
    faqPrompt: 'Banyak pertanyaan sudah terjawab di',
    faqLink: 'halaman FAQ',
  },
};
