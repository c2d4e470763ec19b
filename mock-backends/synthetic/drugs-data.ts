/**
 * The drug catalog's rows, written for this project: RxNorm clinical (generic) and branded
 * drugs that a payer's formulary lists. One row per drug:
 *
 *   rxcui|ingredient|strength|dose form|brand|ingredient rxcui|class|kind|units per day
 *
 * `kind` is G (generic), B (brand), S (specialty, a brand dispensed by specialty pharmacies)
 * or O (over the counter). `units per day` is the usual daily quantity of the dispensing
 * unit (tablets, mL, inhalers per 30 days / 30, ...), used for quantities and limits.
 * The identifiers follow RxNorm's conventions but were written from memory; they are test
 * data, not a terminology source.
 */
export const DRUG_ROWS = `
314076|lisinopril|10 MG|Oral Tablet||29046|ACEI|G|1
314077|lisinopril|20 MG|Oral Tablet||29046|ACEI|G|1
311354|lisinopril|5 MG|Oral Tablet||29046|ACEI|G|1
308962|enalapril maleate|10 MG|Oral Tablet||3827|ACEI|G|1
979480|losartan potassium|50 MG|Oral Tablet||52175|ARB|G|1
979485|losartan potassium|100 MG|Oral Tablet||52175|ARB|G|1
349201|valsartan|160 MG|Oral Tablet||69749|ARB|G|1
197361|amlodipine|5 MG|Oral Tablet||17767|CCB|G|1
308135|amlodipine|10 MG|Oral Tablet||17767|CCB|G|1
830861|diltiazem hydrochloride|120 MG|Extended Release Oral Capsule||3443|CCB|G|1
310798|hydrochlorothiazide|25 MG|Oral Tablet||5487|DIUR|G|1
310429|furosemide|20 MG|Oral Tablet||4603|DIUR|G|1
313988|furosemide|40 MG|Oral Tablet||4603|DIUR|G|1
313096|spironolactone|25 MG|Oral Tablet||9997|DIUR|G|1
197770|chlorthalidone|25 MG|Oral Tablet||2409|DIUR|G|1
866924|metoprolol tartrate|25 MG|Oral Tablet||6918|BB|G|2
866514|metoprolol tartrate|50 MG|Oral Tablet||6918|BB|G|2
866427|metoprolol succinate|25 MG|Extended Release Oral Tablet||6918|BB|G|1
200031|carvedilol|6.25 MG|Oral Tablet||20352|BB|G|2
197381|atenolol|50 MG|Oral Tablet||1202|BB|G|1
1656349|sacubitril / valsartan|49 MG / 51 MG|Oral Tablet|Entresto|1656339|HF|B|2
617312|atorvastatin|10 MG|Oral Tablet||83367|STATIN|G|1
617310|atorvastatin|20 MG|Oral Tablet||83367|STATIN|G|1
617311|atorvastatin|40 MG|Oral Tablet||83367|STATIN|G|1
259255|atorvastatin|80 MG|Oral Tablet||83367|STATIN|G|1
617318|atorvastatin|40 MG|Oral Tablet|Lipitor|83367|STATIN|B|1
312961|simvastatin|20 MG|Oral Tablet||36567|STATIN|G|1
314231|simvastatin|40 MG|Oral Tablet||36567|STATIN|G|1
859747|rosuvastatin calcium|10 MG|Oral Tablet||301542|STATIN|G|1
859751|rosuvastatin calcium|20 MG|Oral Tablet||301542|STATIN|G|1
859753|rosuvastatin calcium|10 MG|Oral Tablet|Crestor|301542|STATIN|B|1
904475|pravastatin sodium|40 MG|Oral Tablet||42463|STATIN|G|1
310289|ezetimibe|10 MG|Oral Tablet||341248|LIPID|G|1
309362|clopidogrel|75 MG|Oral Tablet||32968|ANTIPLT|G|1
243670|aspirin|81 MG|Chewable Tablet||1191|ANTIPLT|O|1
855332|warfarin sodium|5 MG|Oral Tablet||11289|ANTICOAG|G|1
1364445|apixaban|5 MG|Oral Tablet|Eliquis|1364430|ANTICOAG|B|2
1232086|rivaroxaban|20 MG|Oral Tablet|Xarelto|1114195|ANTICOAG|B|1
861007|metformin hydrochloride|500 MG|Oral Tablet||6809|DM_ORAL|G|2
861004|metformin hydrochloride|1000 MG|Oral Tablet||6809|DM_ORAL|G|2
860975|metformin hydrochloride|500 MG|Extended Release Oral Tablet||6809|DM_ORAL|G|2
310490|glipizide|5 MG|Oral Tablet||4821|DM_ORAL|G|1
199246|glimepiride|2 MG|Oral Tablet||25789|DM_ORAL|G|1
312440|pioglitazone|30 MG|Oral Tablet||33738|DM_ORAL|G|1
665038|sitagliptin|100 MG|Oral Tablet|Januvia|593411|DM_ORAL|B|1
1545658|empagliflozin|10 MG|Oral Tablet|Jardiance|1545653|DM_ORAL|B|1
1488569|dapagliflozin|10 MG|Oral Tablet|Farxiga|1488564|DM_ORAL|B|1
1991311|semaglutide|2 MG/3 ML|Pen Injector|Ozempic|1991302|GLP1|B|0.1
1551306|dulaglutide|1.5 MG/0.5 ML|Auto-Injector|Trulicity|1551291|GLP1|B|0.066
2601743|tirzepatide|5 MG/0.5 ML|Auto-Injector|Mounjaro|2601723|GLP1|B|0.066
2553506|semaglutide|2.4 MG/0.75 ML|Auto-Injector|Wegovy|1991302|WEIGHT|B|0.1
261551|insulin glargine|100 UNT/ML|Injectable Solution|Lantus|274783|INSULIN|B|0.5
2179744|insulin glargine-yfgn|100 UNT/ML|Pen Injector|Semglee|274783|INSULIN|B|0.5
1652644|insulin lispro|100 UNT/ML|Pen Injector|Humalog|86009|INSULIN|B|0.5
847187|insulin aspart|100 UNT/ML|Pen Injector|Novolog|51428|INSULIN|B|0.5
311041|insulin isophane, human|100 UNT/ML|Injectable Suspension||5856|INSULIN|G|0.5
745679|albuterol|0.09 MG/ACTUAT|Metered Dose Inhaler||435|INH_RESC|G|0.033
801092|albuterol|0.09 MG/ACTUAT|Metered Dose Inhaler|ProAir HFA|435|INH_RESC|B|0.033
245314|albuterol|0.83 MG/ML|Inhalation Solution||435|INH_RESC|G|9
896186|fluticasone propionate|0.11 MG/ACTUAT|Metered Dose Inhaler|Flovent HFA|41126|INH_CTRL|B|0.033
896222|fluticasone propionate / salmeterol|0.25 MG / 0.05 MG|Dry Powder Inhaler|Advair Diskus|284635|INH_CTRL|B|0.033
896228|fluticasone propionate / salmeterol|0.25 MG / 0.05 MG|Dry Powder Inhaler||284635|INH_CTRL|G|0.033
1246290|budesonide / formoterol|0.16 MG / 0.0045 MG|Metered Dose Inhaler|Symbicort|1246286|INH_CTRL|B|0.033
485032|tiotropium|0.018 MG|Inhalation Powder|Spiriva|69120|INH_CTRL|B|1
1547660|umeclidinium / vilanterol|0.0625 MG / 0.025 MG|Dry Powder Inhaler|Anoro Ellipta|1547658|INH_CTRL|B|0.033
200224|montelukast|10 MG|Oral Tablet||88249|INH_CTRL|G|1
1014676|cetirizine hydrochloride|10 MG|Oral Tablet||20610|ANTIHIST|O|1
311372|loratadine|10 MG|Oral Tablet||28889|ANTIHIST|O|1
896188|fluticasone propionate|0.05 MG/ACTUAT|Nasal Spray||41126|ANTIHIST|G|0.033
312940|sertraline|50 MG|Oral Tablet||36437|SSRI|G|1
312938|sertraline|100 MG|Oral Tablet||36437|SSRI|G|1
310385|fluoxetine|20 MG|Oral Capsule||4493|SSRI|G|1
349332|escitalopram|10 MG|Oral Tablet||321988|SSRI|G|1
309314|citalopram|20 MG|Oral Tablet||2556|SSRI|G|1
312242|paroxetine|20 MG|Oral Tablet||32937|SSRI|G|1
993541|bupropion hydrochloride|150 MG|Extended Release Oral Tablet||42347|ANTIDEP|G|1
596930|duloxetine|60 MG|Delayed Release Oral Capsule||72625|ANTIDEP|G|1
808748|venlafaxine|75 MG|Extended Release Oral Capsule||39786|ANTIDEP|G|1
856377|trazodone hydrochloride|50 MG|Oral Tablet||10737|ANTIDEP|G|1
311725|mirtazapine|15 MG|Oral Tablet||15996|ANTIDEP|G|1
1650961|vortioxetine|10 MG|Oral Tablet|Trintellix|1455099|ANTIDEP|B|1
866082|buspirone hydrochloride|10 MG|Oral Tablet||1827|ANXIO|G|2
308048|alprazolam|0.5 MG|Oral Tablet||596|ANXIO|G|2
197527|clonazepam|0.5 MG|Oral Tablet||2598|ANXIO|G|2
312743|quetiapine|25 MG|Oral Tablet||51272|ANTIPSY|G|2
349545|aripiprazole|10 MG|Oral Tablet||89013|ANTIPSY|G|1
314286|risperidone|1 MG|Oral Tablet||35636|ANTIPSY|G|2
1091497|methylphenidate hydrochloride|36 MG|Extended Release Oral Tablet||6901|STIM|G|1
1091500|methylphenidate hydrochloride|36 MG|Extended Release Oral Tablet|Concerta|6901|STIM|B|1
854834|lisdexamfetamine dimesylate|30 MG|Oral Capsule|Vyvanse|700810|STIM|B|1
541892|amphetamine aspartate / dextroamphetamine|20 MG|Oral Tablet||84815|STIM|G|1
313782|acetaminophen|325 MG|Oral Tablet||161|ANALG|O|4
310965|ibuprofen|200 MG|Oral Tablet||5640|NSAID|O|3
197806|ibuprofen|600 MG|Oral Tablet||5640|NSAID|G|3
198013|naproxen|500 MG|Oral Tablet||7258|NSAID|G|2
311487|meloxicam|15 MG|Oral Tablet||41493|NSAID|G|1
1049621|oxycodone hydrochloride|5 MG|Oral Tablet||7804|OPIOID|G|4
1049625|acetaminophen / oxycodone hydrochloride|325 MG / 5 MG|Oral Tablet||214183|OPIOID|G|4
857005|acetaminophen / hydrocodone bitartrate|325 MG / 5 MG|Oral Tablet||214182|OPIOID|G|4
836466|tramadol hydrochloride|50 MG|Oral Tablet||10689|OPIOID|G|4
828348|cyclobenzaprine hydrochloride|10 MG|Oral Tablet||21949|MUSCLE|G|3
310431|gabapentin|300 MG|Oral Capsule||25480|NEURO|G|3
483440|pregabalin|75 MG|Oral Capsule||187832|NEURO|G|2
313195|sumatriptan|50 MG|Oral Tablet||37418|MIGR|G|0.3
2102302|rimegepant|75 MG|Disintegrating Oral Tablet|Nurtec ODT|2102297|MIGR|B|0.27
314200|pantoprazole|40 MG|Delayed Release Oral Tablet||40790|PPI|G|1
402014|omeprazole|20 MG|Delayed Release Oral Capsule||7646|PPI|G|1
606726|esomeprazole magnesium|40 MG|Delayed Release Oral Capsule|Nexium|283742|PPI|B|1
310273|famotidine|20 MG|Oral Tablet||4278|H2|G|2
104894|ondansetron|4 MG|Disintegrating Oral Tablet||26225|ANTIEMET|G|2
966222|levothyroxine sodium|0.05 MG|Oral Tablet||10582|THYROID|G|1
966247|levothyroxine sodium|0.1 MG|Oral Tablet||10582|THYROID|G|1
966191|levothyroxine sodium|0.1 MG|Oral Tablet|Synthroid|10582|THYROID|B|1
308182|amoxicillin|250 MG|Oral Capsule||723|ANTIBIO|G|3
308191|amoxicillin|500 MG|Oral Capsule||723|ANTIBIO|G|3
308189|amoxicillin|80 MG/ML|Oral Suspension||723|ANTIBIO|G|10
562508|amoxicillin / clavulanate|875 MG / 125 MG|Oral Tablet||19711|ANTIBIO|G|2
308460|azithromycin|250 MG|Oral Tablet||18631|ANTIBIO|G|1
141962|azithromycin|40 MG/ML|Oral Suspension||18631|ANTIBIO|G|5
309309|ciprofloxacin|500 MG|Oral Tablet||2551|ANTIBIO|G|2
309114|cephalexin|500 MG|Oral Capsule||2231|ANTIBIO|G|4
1650143|doxycycline hyclate|100 MG|Oral Tablet||3640|ANTIBIO|G|2
198335|sulfamethoxazole / trimethoprim|800 MG / 160 MG|Oral Tablet||10831|ANTIBIO|G|2
1648755|nitrofurantoin, macrocrystals|100 MG|Oral Capsule||7454|ANTIBIO|G|2
261315|oseltamivir|75 MG|Oral Capsule|Tamiflu|260101|ANTIVIR|B|2
310866|oseltamivir|75 MG|Oral Capsule||260101|ANTIVIR|G|2
2587899|nirmatrelvir / ritonavir|150 MG / 100 MG|Oral Tablet|Paxlovid|2587892|ANTIVIR|B|6
312615|prednisone|20 MG|Oral Tablet||8640|STEROID|G|2
312617|prednisone|5 MG|Oral Tablet||8640|STEROID|G|1
762675|methylprednisolone|4 MG|Oral Tablet||6902|STEROID|G|4
1085728|triamcinolone acetonide|1 MG/G|Topical Cream||10759|DERM|G|1
863669|tamsulosin hydrochloride|0.4 MG|Oral Capsule||77492|UROL|G|1
310346|finasteride|5 MG|Oral Tablet||25025|UROL|G|1
904419|alendronate sodium|70 MG|Oral Tablet||46041|BONE|G|0.143
310325|ferrous sulfate|325 MG|Oral Tablet||24947|VIT|O|1
310410|folic acid|1 MG|Oral Tablet||4511|VIT|G|1
636676|cholecalciferol|1000 UNT|Oral Tablet||2418|VIT|O|1
802625|prenatal multivitamin|1 TABLET|Oral Tablet||1311627|VIT|G|1
748878|ethinyl estradiol / levonorgestrel|0.03 MG / 0.15 MG|Oral Tablet||214558|CONTRA|G|1
749762|ethinyl estradiol / norethindrone|0.035 MG / 1 MG|Oral Tablet||214559|CONTRA|G|1
1000126|medroxyprogesterone acetate|150 MG/ML|Prefilled Syringe||6691|CONTRA|G|0.011
197657|estradiol|1 MG|Oral Tablet||4083|HORMONE|G|1
403922|testosterone cypionate|200 MG/ML|Injectable Solution||10379|HORMONE|G|0.066
105586|methotrexate|2.5 MG|Oral Tablet||6851|IMMUNO|G|0.9
979092|hydroxychloroquine sulfate|200 MG|Oral Tablet||5521|IMMUNO|G|2
1606812|adalimumab|40 MG/0.4 ML|Auto-Injector|Humira|327361|IMMUNO|S|0.066
2586216|adalimumab-adaz|40 MG/0.4 ML|Auto-Injector|Hyrimoz|327361|IMMUNO|S|0.066
809160|etanercept|50 MG/ML|Auto-Injector|Enbrel|214555|IMMUNO|S|0.133
847087|ustekinumab|45 MG/0.5 ML|Prefilled Syringe|Stelara|847083|IMMUNO|S|0.012
1876385|dupilumab|300 MG/2 ML|Prefilled Syringe|Dupixent|1876376|IMMUNO|S|0.066
199224|anastrozole|1 MG|Oral Tablet||84857|ONCO|G|1
404590|imatinib|400 MG|Oral Tablet|Gleevec|282388|ONCO|S|1
1999681|bictegravir / emtricitabine / tenofovir alafenamide|50 MG / 200 MG / 25 MG|Oral Tablet|Biktarvy|1999663|HIV|S|1
476556|emtricitabine / tenofovir disoproxil fumarate|200 MG / 300 MG|Oral Tablet||495430|HIV|G|1
1801203|sofosbuvir / velpatasvir|400 MG / 100 MG|Oral Tablet|Epclusa|1801198|HCV|S|1
1591959|ledipasvir / sofosbuvir|90 MG / 400 MG|Oral Tablet|Harvoni|1591957|HCV|S|1
1010600|buprenorphine / naloxone|8 MG / 2 MG|Sublingual Film||352364|ADDICT|G|2
1725059|naloxone hydrochloride|4 MG/ACTUAT|Nasal Spray|Narcan|7242|EMERG|B|0.066
1870230|epinephrine|0.3 MG/0.3 ML|Auto-Injector||3992|EMERG|G|0.066
997226|donepezil hydrochloride|10 MG|Oral Tablet||135447|DEMENT|G|1
996740|memantine hydrochloride|10 MG|Oral Tablet||6719|DEMENT|G|2
310261|latanoprost|0.05 MG/ML|Ophthalmic Solution||43611|OPHTH|G|0.083
197591|diazepam|5 MG|Oral Tablet||3322|ANXIO|G|2
`;

/** Therapeutic classes (the catalog's own codes) with their descriptions. */
export const DRUG_CLASSES: Readonly<Record<string, string>> = Object.freeze({
  ACEI: 'Antihypertensive - ACE inhibitor',
  ARB: 'Antihypertensive - angiotensin receptor blocker',
  CCB: 'Calcium channel blocker',
  DIUR: 'Diuretic',
  BB: 'Beta blocker',
  HF: 'Heart failure agent',
  STATIN: 'Lipid lowering - statin',
  LIPID: 'Lipid lowering - other',
  ANTIPLT: 'Antiplatelet',
  ANTICOAG: 'Anticoagulant',
  DM_ORAL: 'Antidiabetic - oral',
  GLP1: 'Antidiabetic - GLP-1 receptor agonist',
  WEIGHT: 'Weight management',
  INSULIN: 'Insulin',
  INH_RESC: 'Respiratory - rescue bronchodilator',
  INH_CTRL: 'Respiratory - controller',
  ANTIHIST: 'Antihistamine / allergy',
  SSRI: 'Antidepressant - SSRI',
  ANTIDEP: 'Antidepressant - other',
  ANXIO: 'Anxiolytic',
  ANTIPSY: 'Antipsychotic',
  STIM: 'ADHD stimulant',
  ANALG: 'Analgesic',
  NSAID: 'Nonsteroidal anti-inflammatory',
  OPIOID: 'Opioid analgesic',
  MUSCLE: 'Skeletal muscle relaxant',
  NEURO: 'Neuropathic pain agent',
  MIGR: 'Antimigraine agent',
  PPI: 'Proton pump inhibitor',
  H2: 'H2 blocker',
  ANTIEMET: 'Antiemetic',
  THYROID: 'Thyroid hormone',
  ANTIBIO: 'Antibiotic',
  ANTIVIR: 'Antiviral',
  STEROID: 'Systemic corticosteroid',
  DERM: 'Topical corticosteroid',
  UROL: 'Urologic agent',
  BONE: 'Bone density agent',
  VIT: 'Vitamin / mineral',
  CONTRA: 'Contraceptive',
  HORMONE: 'Hormone',
  IMMUNO: 'Immunomodulator',
  ONCO: 'Antineoplastic',
  HIV: 'HIV antiretroviral',
  HCV: 'Hepatitis C antiviral',
  ADDICT: 'Substance use disorder agent',
  EMERG: 'Emergency rescue agent',
  DEMENT: 'Antidementia agent',
  OPHTH: 'Ophthalmic agent',
});
