/**
 * Places for synthetic addresses: real US city / state / ZIP code / area code combinations
 * (written for this project) and street names. The payer is based in the Pacific Northwest,
 * so most members live in Washington, Oregon and Idaho, with members spread across the US.
 */

/** A real city with one of its ZIP codes and one of its telephone area codes. */
export interface City {
  readonly city: string;
  /** USPS two-letter state code. */
  readonly state: string;
  readonly zip: string;
  readonly areaCode: string;
  /** Relative share of members living there. */
  readonly weight: number;
}

const CITY_ROWS = `
Seattle|WA|98101|206|12
Seattle|WA|98115|206|8
Tacoma|WA|98402|253|7
Spokane|WA|99201|509|6
Bellevue|WA|98004|425|5
Everett|WA|98201|425|4
Olympia|WA|98501|360|3
Vancouver|WA|98660|360|4
Yakima|WA|98901|509|3
Bellingham|WA|98225|360|3
Kennewick|WA|99336|509|2
Redmond|WA|98052|425|3
Kent|WA|98032|253|3
Renton|WA|98057|425|3
Walla Walla|WA|99362|509|1
Wenatchee|WA|98801|509|1
Portland|OR|97205|503|9
Portland|OR|97214|503|5
Salem|OR|97301|503|4
Eugene|OR|97401|541|4
Bend|OR|97701|541|3
Medford|OR|97501|541|2
Corvallis|OR|97330|541|2
Beaverton|OR|97005|503|3
Gresham|OR|97030|503|2
Hillsboro|OR|97123|503|2
Astoria|OR|97103|503|1
Boise|ID|83702|208|5
Idaho Falls|ID|83402|208|2
Pocatello|ID|83201|208|1
Coeur d'Alene|ID|83814|208|2
Nampa|ID|83651|208|2
Twin Falls|ID|83301|208|1
Anchorage|AK|99501|907|2
Fairbanks|AK|99701|907|1
Juneau|AK|99801|907|1
Missoula|MT|59801|406|1
Billings|MT|59101|406|1
Helena|MT|59601|406|1
Bozeman|MT|59715|406|1
Sacramento|CA|95814|916|2
San Francisco|CA|94103|415|2
Oakland|CA|94612|510|1
Los Angeles|CA|90012|213|2
San Diego|CA|92101|619|1
Fresno|CA|93721|559|1
Redding|CA|96001|530|1
Reno|NV|89501|775|1
Las Vegas|NV|89101|702|1
Salt Lake City|UT|84111|801|1
Denver|CO|80202|303|1
Phoenix|AZ|85004|602|1
Albuquerque|NM|87102|505|1
Cheyenne|WY|82001|307|1
Chicago|IL|60601|312|1
Minneapolis|MN|55401|612|1
Dallas|TX|75201|214|1
Houston|TX|77002|713|1
Austin|TX|78701|512|1
Atlanta|GA|30303|404|1
Miami|FL|33130|305|1
New York|NY|10001|212|1
Boston|MA|02108|617|1
Philadelphia|PA|19103|215|1
Columbus|OH|43215|614|1
Detroit|MI|48226|313|1
Nashville|TN|37203|615|1
Honolulu|HI|96813|808|1
Kansas City|MO|64106|816|1
Omaha|NE|68102|402|1
Milwaukee|WI|53202|414|1
Charlotte|NC|28202|704|1
Richmond|VA|23219|804|1
Baltimore|MD|21202|410|1
Louisville|KY|40202|502|1
Indianapolis|IN|46204|317|1
New Orleans|LA|70112|504|1
Des Moines|IA|50309|515|1
Burlington|VT|05401|802|1
Providence|RI|02903|401|1
`;

/** The city catalog, with relative weights. */
export const CITIES: readonly City[] = Object.freeze(
  CITY_ROWS.trim()
    .split('\n')
    .map((row) => {
      const [city = '', state = '', zip = '', areaCode = '', weight = '1'] = row.split('|');
      return Object.freeze({ city, state, zip, areaCode, weight: Number(weight) });
    }),
);

/** Street names (without the suffix). */
export const STREET_NAMES: readonly string[] = Object.freeze(
  `Main Oak Pine Maple Cedar Elm Washington Lake Hill Park View Spruce Madison Jefferson
  Lincoln Sunset Ridge Highland River Forest Meadow Willow Birch Alder Cherry Chestnut Walnut
  Mountain Valley Harbor Bay Orchard Garden Mill Church School Spring Summit Columbia Rainier
  Olympic Cascade Juniper Sequoia Aspen Hawthorne Sycamore Laurel Evergreen Franklin Jackson
  Adams Monroe Grant Fremont Union Market Commercial Pacific Canyon Prairie Crescent Fairview
  First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth`
    .split(/\s+/)
    .filter((name) => name !== ''),
);

/** Street suffixes with relative frequency. */
export const STREET_SUFFIXES: readonly (readonly [string, number])[] = Object.freeze([
  ['St', 30],
  ['Ave', 25],
  ['Rd', 10],
  ['Dr', 10],
  ['Ln', 6],
  ['Way', 6],
  ['Blvd', 4],
  ['Ct', 5],
  ['Pl', 4],
]);

/** Compass prefixes and suffixes common in Pacific Northwest street addresses. */
export const STREET_DIRECTIONS: readonly string[] = Object.freeze([
  'N',
  'S',
  'E',
  'W',
  'NE',
  'NW',
  'SE',
  'SW',
]);

/**
 * Domains reserved for documentation by RFC 2606: e-mail addresses built on them can never
 * reach a real mailbox.
 */
export const EMAIL_DOMAINS: readonly string[] = Object.freeze([
  'example.com',
  'example.net',
  'example.org',
]);
