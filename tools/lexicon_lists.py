# Project-written word lists (authored for sentimen).  Turned into sorted C arrays.
slang = """
gak tidak|ga tidak|gk tidak|g tidak|nggak tidak|ngga tidak|nggk tidak|engga tidak|enggak tidak|ngak tidak|gag tidak
tdk tidak|ndak tidak|nda tidak|kagak tidak|kaga tidak|gaak tidak|tak tak|ngk tidak|gx tidak
yg yang|yng yang|dgn dengan|dg dengan|dng dengan|utk untuk|untk untuk|krn karena|karna karena|krna karena
tp tapi|tpi tapi|jg juga|jga juga|aja saja|aj saja|sj saja|ajah saja|doang saja
udh sudah|udah sudah|sdh sudah|dah sudah|uda sudah|blm belum|blom belum|blum belum|lom belum
bgt banget|bngt banget|bngtt banget|bgtt banget|bener benar|bnr benar|emang memang|emg memang|mmg memang
sm sama|ama sama|dr dari|dri dari|klo kalau|kalo kalau|kl kalau|klu kalau|gmn bagaimana|gimana bagaimana|gmana bagaimana
knp kenapa|napa kenapa|gue saya|gw saya|gua saya|sy saya|aq aku|ak aku|lo kamu|lu kamu|loe kamu|elu kamu
trs terus|trus terus|bs bisa|bsa bisa|dpt dapat|dapet dapat|org orang|orng orang|sdg sedang|skrg sekarang|skrng sekarang|skg sekarang
lg lagi|lgi lagi|hrs harus|jd jadi|jdi jadi|jgn jangan|jngn jangan|bkn bukan|tsb tersebut|byk banyak|bnyk banyak|bnyak banyak
mksh terimakasih|makasih terimakasih|makasi terimakasih|trims terimakasih|thx terimakasih|thanks terimakasih|tq terimakasih|trimakasih terimakasih
pd pada|oke oke|ok oke|okey oke|okay oke|mantul mantap|mantab mantap|mantep mantap|mantaap mantap|gede besar|kyk seperti|kayak seperti|kaya seperti|ky seperti
gitu begitu|gt begitu|gini begini|nih ini|tuh itu|sampe sampai|smpe sampai|pake pakai|pakek pakai|bikin membuat|bkin membuat|ntar nanti|nnti nanti|ntr nanti
blg bilang|tau tahu|tw tahu|liat lihat|lht lihat|denger dengar|cuma hanya|cuman hanya|cm hanya|abis habis|mulu melulu|dateng datang|dtg datang
capek lelah|cape lelah|males malas|seneng senang|sneng senang|ngecewain mengecewakan|nyesel menyesal|mksd maksud|pdhl padahal|pdhal padahal
tgl tanggal|thn tahun|bln bulan|hr hari|mnt menit|rb ribu|jt juta|sbg sebagai|sbgai sebagai|spt seperti|sprti seperti|slalu selalu|sll selalu
msh masih|masi masih|aj saja|bbrp beberapa|brp berapa|gmana bagaimana|ngasih memberi|kasi kasih|dikasi dikasih|ngerti mengerti|ngerasa merasa
nunggu menunggu|nungguin menunggu|ngomong bicara|ngomongin membicarakan|bilangin bilang|banget banget|bangett banget|pengen ingin|pgn ingin|pingin ingin|pengin ingin
mo mau|mao mau|maw mau|mw mau|sampek sampai|kek seperti|ampe sampai|apalagi apalagi|ancur hancur|parah parah|jelek jelek|jlek jelek|bagu bagus|bgs bagus|bgus bagus
mkn makan|mkan makan|enak enak|enk enak|murah murah|mrh murah|mahal mahal|mhl mahal|pelayanan pelayanan|pelayananya pelayanannya|cpt cepat|cepet cepat|lmbt lambat|lelet lambat|lemot lambat
sgt sangat|sngt sangat|bnget banget|bangettt banget|kurg kurang|krg kurang|krang kurang|tdak tidak|tida tidak|tak tak|gpp tidakapa|yaa ya|iya ya|iyaa ya|y ya
wkwk haha|wkwkwk haha|hehe haha|hihi haha|hahaha haha|xixi haha|awkwk haha|wkwkw haha
"""
negators = "tidak tak bukan belum jangan tanpa kurang tiada bukanlah tidaklah jangankan non anti enggan gagal"
intens = "sangat amat sekali banget paling terlalu makin semakin begitu sungguh super amatlah benar-benar sangatlah teramat nian kian luar_biasa"
dimin = "agak sedikit cukup lumayan rada hampir nyaris relatif sekadar"
contrast = "tetapi tapi namun sayangnya sebaliknya melainkan sedangkan hanya_saja cuma_saja"
concess = "meski meskipun walau walaupun biarpun kendati kendatipun sekalipun padahal"
# polarity: word weight (-3..3).  Roots and frequent forms; news-minded.
pol = """
gugat -2|menggugat -2|gugatan -2|ancam -2|ancaman -2|mengancam -2|terancam -2|tuntut -1|tuntutan -1|somasi -2
korupsi -3|koruptor -3|suap -3|penyuapan -3|gratifikasi -3|pungli -3|pencucian -2|mark-up -2|kolusi -3|nepotisme -2
tewas -3|meninggal -2|wafat -2|mati -2|kematian -2|bunuh -3|pembunuhan -3|tembak -2|penembakan -3|serang -2|serangan -2|bom -3|teror -3|teroris -3|terorisme -3
perang -3|konflik -2|bentrok -2|bentrokan -2|ricuh -2|kericuhan -2|rusuh -2|kerusuhan -3|protes -1|kecam -2|kecaman -2|kritik -1|kritikan -1|tolak -1|penolakan -1
gagal -2|kegagalan -2|rugi -2|kerugian -2|merugi -2|anjlok -2|ambruk -2|ambles -2|amblas -2|longsor -2|merosot -2|jatuh -1|terjun -1|terjerembab -2|tertekan -1|lesu -2|kelesuan -2
bangkrut -3|pailit -3|kebangkrutan -3|krisis -2|resesi -2|inflasi -1|stagflasi -2|defisit -1|utang -1|tunggakan -2|gagal_bayar -3|default -2|wanprestasi -2|phk -2|pemecatan -2|pengangguran -2|pecat -2
banjir -2|gempa -2|tsunami -3|kebakaran -2|terbakar -2|bencana -3|erupsi -2|kekeringan -2|puting -1|badai -2|abrasi -1|kecelakaan -3|tabrakan -2|tabrak -2|korban -2|luka -2|luka-luka -2|cedera -2|terluka -2
sakit -1|penyakit -1|wabah -2|pandemi -2|epidemi -2|kematian -2|duka -2|berduka -2|tragis -3|tragedi -3|kriminal -2|kejahatan -3|jahat -2|curi -2|pencurian -2|maling -2|rampok -3|perampokan -3|begal -3|copet -2
perkosa -3|pemerkosaan -3|cabul -3|pencabulan -3|pelecehan -3|narkoba -2|narkotika -2|sabu -2|ganja -2|tersangka -2|terdakwa -2|terpidana -2|penjara -2|dipenjara -2|bui -2|vonis -1|dakwaan -1|dakwa -1|pidana -1
pelanggaran -2|langgar -2|melanggar -2|penipuan -3|tipu -2|menipu -3|penipu -3|hoaks -2|hoax -2|fitnah -2|skandal -3|kasus -1|masalah -1|bermasalah -2|buruk -2|memburuk -2|terburuk -3|jelek -2|parah -2|rusak -2|kerusakan -2
macet -2|kemacetan -2|mogok -2|pengungsi -2|mengungsi -2|evakuasi -1|darurat -2|hilang -1|raib -2|tenggelam -2|karam -2|hancur -3|kehancuran -3|roboh -2|retak -1|invasi -3|pemberontak -2|separatis -2|radikal -2|ekstremis -2
intoleran -2|diskriminasi -2|rasis -2|rasisme -2|kekerasan -3|aniaya -3|penganiayaan -3|keroyok -3|pengeroyokan -3|tawuran -2|perundungan -2|bully -2|intimidasi -2|sandera -3|culik -3|penculikan -3|jenazah -2|mayat -2
polusi -2|pencemaran -2|limbah -1|sampah -1|kotor -2|bau -1|mahal -1|lambat -1|kecewa -2|mengecewakan -2|kekecewaan -2|marah -2|kemarahan -2|kesal -2|sedih -2|kesedihan -2|takut -2|ketakutan -2|khawatir -1|kekhawatiran -1
cemas -1|kecemasan -1|waspada -1|bahaya -2|berbahaya -2|membahayakan -2|risiko -1|berisiko -1|lemah -1|melemah -1|pelemahan -1|kalah -2|kekalahan -2|tersingkir -2|degradasi -2|diskualifikasi -2|sanksi -2|denda -1|blokir -1|boikot -2
embargo -2|larang -1|larangan -1|dilarang -1|benci -2|kebencian -2|muak -2|payah -2|bosan -1|salah -1|kesalahan -1|error -1|gangguan -1|terganggu -1|lumpuh -2|padam -1|pemadaman -2|anarkis -3|vandalisme -2|penyelundupan -2|selundup -2
ilegal -2|pungutan -1|pemerasan -3|peras -2|kriminalisasi -2|terjerat -2|jerat -1|tangkap -1|ditangkap -2|penangkapan -1|tahan -1|ditahan -2|penahanan -1|buron -2|kabur -1|dpo -2|razia -1|geledah -1|penggeledahan -1|sita -1|penyitaan -1
lonjakan -1|mencekik -2|sulit -1|kesulitan -2|susah -1|menderita -2|penderitaan -2|miskin -2|kemiskinan -2|kelaparan -3|gizi_buruk -3|stunting -2|kumuh -2|terlantar -2|telantar -2|ditelantarkan -2|penelantaran -2|keluh -1|keluhan -1|mengeluh -1
ribut -1|keributan -2|perselisihan -2|sengketa -1|polemik -1|kontroversi -1|kontroversial -1|kisruh -2|gaduh -2|kegaduhan -2|carut-marut -2|amburadul -2|mangkrak -2|molor -1|terlambat -1|keterlambatan -1|tertunda -1|batal -1|pembatalan -1
dicopot -2|mundur -1|terpuruk -3|keterpurukan -3|ambrol -2|jeblok -2|minus -1|negatif -1|ancur -2|gawat -2|genting -2|mencekam -2|ngeri -2|mengerikan -3|sadis -3|keji -3|brutal -3|biadab -3|tega -2|zalim -3|curang -2|kecurangan -2
bohong -2|kebohongan -2|berbohong -2|palsu -2|pemalsuan -2|manipulasi -2|rekayasa -1|fiktif -2|bodong -2|abal-abal -2|mafia -2|oknum -1|preman -2|premanisme -2|pungli -3|tunggak -1|merugikan -2|rawan -1|kerawanan -1|sengsara -2
positif 1|bagus 2|baik 1|terbaik 2|membaik 2|perbaikan 1|hebat 2|mantap 2|keren 2|enak 2|lezat 2|nikmat 2|nyaman 2|kenyamanan 1|bersih 1|kebersihan 1|ramah 2|keramahan 2|cepat 1|murah 1|puas 2|memuaskan 2|kepuasan 2
senang 2|gembira 2|bahagia 2|kebahagiaan 2|bangga 2|kebanggaan 2|terimakasih 1|apresiasi 2|mengapresiasi 2|penghargaan 2|anugerah 2|prestasi 2|berprestasi 2|juara 2|menjuarai 2|menang 2|kemenangan 2|memenangkan 2
sukses 2|kesuksesan 2|berhasil 2|keberhasilan 2|untung 2|keuntungan 2|laba 1|cuan 2|meningkat 1|peningkatan 1|tumbuh 1|pertumbuhan 1|bertumbuh 1|menguat 2|penguatan 1|rekor 1|unggul 2|keunggulan 2|unggulan 1
dukung 1|dukungan 1|mendukung 1|bantu 1|bantuan 1|membantu 1|donasi 1|sumbangan 1|peduli 2|kepedulian 2|gratis 1|diskon 1|promo 1|bonus 1|hadiah 1|subsidi 1|pulih 2|pemulihan 1|stabil 1|kestabilan 1|stabilitas 1
aman 1|keamanan 0|damai 2|perdamaian 2|sepakat 1|kesepakatan 1|kolaborasi 1|kerjasama 1|inovasi 2|inovatif 2|canggih 1|favorit 1|populer 1|laris 2|meriah 2|sejahtera 2|kesejahteraan 1|makmur 2|kemakmuran 2|sembuh 2|kesembuhan 2
lancar 1|kelancaran 1|efektif 1|efisien 1|optimis 2|optimistis 2|optimisme 2|peluang 1|potensi 1|investasi 1|ekspansi 1|peresmian 1|resmikan 1|meresmikan 1|diresmikan 1|peluncuran 1|luncurkan 1|dividen 1|surplus 2|swasembada 2|lunas 1
cinta 2|suka 1|sayang 1|indah 2|keindahan 2|cantik 2|ganteng 2|lucu 1|seru 2|asyik 2|asik 2|istimewa 2|spesial 1|sempurna 2|ideal 1|solusi 1|memudahkan 1|mudah 1|kemudahan 1|praktis 1|hemat 1|berkualitas 2|profesional 1|sigap 2|tanggap 1
sopan 2|mewah 1|bermanfaat 2|manfaat 1|berguna 1|menarik 1|terjangkau 1|ramai 1|luar_biasa 2|keren 2|juara 2|emas 1|medali 1|trofi 2|piala 1|gelar 1|lolos 1|melaju 1|rebound 1|bullish 2|melesat 2|meroket 2|melonjak 1|naik 1|kenaikan 0
hijau 1|menghijau 1|apik 2|gemilang 3|cemerlang 2|brilian 2|kokoh 1|solid 1|tangguh 1|sehat 1|kesehatan 0|selamat 1|keselamatan 0|terselamatkan 2|diselamatkan 1|berkembang 1|perkembangan 0|maju 1|kemajuan 2|modern 1|bebas 1|dibebaskan 1
terima 0|rezeki 2|berkah 2|syukur 2|bersyukur 2|alhamdulillah 2|harmonis 2|rukun 2|toleransi 1|kompak 1|semangat 1|bersemangat 2|antusias 2|antusiasme 2|sambut 1|disambut 1|menyambut 1|dihargai 1|menghargai 1|memuji 2|pujian 2|puji 2
recommended 2|rekomendasi 1|top 1|oke 1|bagusnya 2|mantul 2|gokil 1|wow 1|superb 2|good 2|nice 2|best 2|love 2|great 2|bad -2|worst -3|kecil 0|besar 0|tinggi 0|rendah 0|turun -1|penurunan -1|menurun -1|terkoreksi -1|koreksi -1|bearish -2|zona_merah -2|merah -1
"""
abbrevs = "dr drs dra ir prof h hj st no nom jl jln kab kec kel tbk dll dsb dst dkk yth sdr sdri bpk pt cv ny nn tn kh mr mrs ms vs etc ust gub kapt kol jend brig let sersan kompol ipda iptu akp akbp kombes irjen brigjen mayjen letjen no nos hal tel telp fax rp sby kec ds dk moh muh m s a b c d e f g i j k l n o p q r t u v w x y z"
clitic_exceptions = "adalah masalah salah kalah sekolah telah olah lelah allah jumlah sejumlah sebelah belah istilah celah bilah kilah galah halah ulah tulah wilayah diolah mengolah pengolah berolah terolah langkah nikah tingkah berkah sedekah rekah merekah bengkah ampun hanya punya tanya sanya bahwasanya nyanya kalah mengalah dikalahkan lillah insyaallah masyaallah subhanallah bismillah abdullah nasrullah fadlullah ulah pengkhianat"

def pairs(s):
    out = []
    for part in s.replace('\n','|').split('|'):
        part = part.strip()
        if not part: continue
        a, b = part.split()
        out.append((a.replace('_',' '), b))
    return out

import collections
sl = dict()
for a,b in pairs(slang):
    if a != b: sl.setdefault(a,b)
po = dict()
for a,b in pairs(pol):
    po.setdefault(a,int(b))
roles = {}
for w in negators.split(): roles.setdefault(w.replace('_',' '),'SENTIMEN_ROLE_NEGATOR')
for w in intens.split(): roles.setdefault(w.replace('_',' '),'SENTIMEN_ROLE_INTENSIFIER')
for w in dimin.split(): roles.setdefault(w.replace('_',' '),'SENTIMEN_ROLE_DIMINISHER')
for w in contrast.split(): roles.setdefault(w.replace('_',' '),'SENTIMEN_ROLE_CONTRAST')
for w in concess.split(): roles.setdefault(w.replace('_',' '),'SENTIMEN_ROLE_CONCESSIVE')
def key(s): return s.encode()
M64=(1<<64)-1
def mix64(x):
    x ^= x >> 32; x = (x * 0xd6e8feb86659fd93) & M64
    x ^= x >> 32; x = (x * 0xd6e8feb86659fd93) & M64
    x ^= x >> 32
    return x
def hash64(b, seed=0):
    """must match sentimen_hash64() in src/core/hash.h"""
    h = seed ^ ((0x9e3779b97f4a7c15 * (len(b) + 1)) & M64)
    i = 0
    while len(b) - i >= 8:
        v = int.from_bytes(b[i:i+8], 'little')
        h = ((h ^ mix64(v)) * 0x9fb21c651e98df25) & M64
        i += 8
    if i < len(b):
        v = int.from_bytes(b[i:], 'little')
        h = ((h ^ mix64(v)) * 0x9fb21c651e98df25) & M64
    return mix64(h)
GOLD=0x9e3779b97f4a7c15
def combine(a, b):
    """must match sentimen_hash_combine() in src/core/hash.h"""
    return mix64(a ^ ((b + GOLD + ((a << 6) & M64) + (a >> 2)) & M64))
def index(name, words):
    n = 16
    while n < 8 * len(words): n *= 2   # sparse: most lookups miss, and end at an empty slot
    slots = [0] * n
    for i, w in enumerate(words):
        s = hash64(w.encode()) & (n - 1)
        while slots[s]: s = (s + 1) & (n - 1)
        slots[s] = i + 1
    out = ['static const uint16_t %s_index[%d] = {' % (name, n)]
    for k in range(0, n, 16):
        out.append('\t' + ', '.join(str(x) for x in slots[k:k+16]) + ',')
    out.append('};\n')
    out.append('static const uint64_t %s_hash[%d] = {' % (name, len(words)))
    for k in range(0, len(words), 4):
        out.append('\t' + ', '.join('UINT64_C(0x%016x)' % hash64(w.encode()) for w in words[k:k+4]) + ',')
    out.append('};\n')
    return out
def cstr(s): return '"' + s.replace('\\','\\\\').replace('"','\\"') + '"'
L = []
L.append('/* Generated from the lists in tools/lexicon_lists.py; edit there and rerun\n * `python3 tools/lexicon_lists.py > src/core/lexicon_data.h`.  Each table has a\n * hash index (slot -> entry + 1, linear probing on sentimen_hash64). */')
L.append('static const struct { const char *from; const char *to; } slang_table[] = {')
for a in sorted(sl, key=key): L.append('\t{%s, %s},' % (cstr(a), cstr(sl[a])))
L.append('};\n')
L += index('slang', sorted(sl, key=key))
L.append('static const struct { const char *word; int role; } role_table[] = {')
roles = {a: r for a, r in roles.items() if ' ' not in a}  # roles apply to single tokens
for a in sorted(roles, key=key): L.append('\t{%s, %s},' % (cstr(a), roles[a]))
L.append('};\n')
L += index('role', sorted(roles, key=key))
L.append('static const struct { const char *word; signed char polarity; } polarity_table[] = {')
pw = [a for a in sorted(po, key=key) if po[a] != 0 and ' ' not in a]
phr = sorted((combine(hash64(a.split()[0].encode()), hash64(a.split()[1].encode())), po[a]) for a in po if po[a] != 0 and ' ' in a)
for a in pw: L.append('\t{%s, %d},' % (cstr(a), po[a]))
L.append('};\n')
L += index('polarity', pw)
L.append('/* two-word phrases, keyed by sentimen_hash_combine(hash(first), hash(second)) */')
firsts = sorted(set(hash64(a.split()[0].encode()) for a in po if po[a] != 0 and ' ' in a))
L.append('/* hashes of the first words of phrases, to skip phrase lookups after other words */')
L.append('static const uint64_t phrase_first_table[] = {')
for k in firsts: L.append('\tUINT64_C(0x%016x),' % k)
L.append('};\n')
L.append('static const struct { uint64_t key; signed char polarity; } phrase_table[] = {')
for k, v in phr: L.append('\t{UINT64_C(0x%016x), %d},' % (k, v))
L.append('};\n')
L.append('static const char *const abbrev_table[] = {')
for a in sorted(set(abbrevs.split()), key=key): L.append('\t%s,' % cstr(a))
L.append('};\n')
L += index('abbrev', sorted(set(abbrevs.split()), key=key))
L.append('static const char *const clitic_exception_table[] = {')
for a in sorted(set(clitic_exceptions.split()), key=key): L.append('\t%s,' % cstr(a))
L.append('};\n')
L += index('clitic_exception', sorted(set(clitic_exceptions.split()), key=key))
print('\n'.join(L))
