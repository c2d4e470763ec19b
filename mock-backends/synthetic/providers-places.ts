/**
 * Where the directory's providers practise: the payer's service area (Washington, Oregon,
 * Idaho, Alaska, Montana), taken from the member city list (places.ts) so that members and
 * providers share cities, with an approximate centre point per ZIP code for geolocation
 * (Plan-Net Location.position, distance search).
 */
import { CITIES, type City } from './places.js';

/** A service-area city with its approximate coordinates (WGS84 degrees). */
export interface ServiceCity extends City {
  readonly latitude: number;
  readonly longitude: number;
}

/** ZIP code -> approximate latitude, longitude of the city centre. */
const COORDINATES: Readonly<Record<string, readonly [number, number]>> = {
  '98101': [47.6101, -122.3344],
  '98115': [47.6849, -122.2968],
  '98402': [47.2529, -122.4443],
  '99201': [47.6588, -117.426],
  '98004': [47.6149, -122.204],
  '98201': [47.979, -122.2021],
  '98501': [47.0379, -122.9007],
  '98660': [45.6387, -122.6615],
  '98901': [46.6021, -120.5059],
  '98225': [48.7519, -122.4787],
  '99336': [46.2112, -119.1372],
  '98052': [47.674, -122.1215],
  '98032': [47.3809, -122.2348],
  '98057': [47.4829, -122.2171],
  '99362': [46.0646, -118.343],
  '98801': [47.4235, -120.3103],
  '97205': [45.5202, -122.6856],
  '97214': [45.514, -122.641],
  '97301': [44.9429, -123.0351],
  '97401': [44.0521, -123.0868],
  '97701': [44.0582, -121.3153],
  '97501': [42.3265, -122.8756],
  '97330': [44.5646, -123.262],
  '97005': [45.4871, -122.8037],
  '97030': [45.4987, -122.431],
  '97123': [45.5229, -122.9898],
  '97103': [46.1879, -123.8313],
  '83702': [43.615, -116.2023],
  '83402': [43.4917, -112.0339],
  '83201': [42.8713, -112.4455],
  '83814': [47.6777, -116.7805],
  '83651': [43.5407, -116.5635],
  '83301': [42.563, -114.4609],
  '99501': [61.2181, -149.9003],
  '99701': [64.8378, -147.7164],
  '99801': [58.3019, -134.4197],
  '59801': [46.8721, -113.994],
  '59101': [45.7833, -108.5007],
  '59601': [46.5891, -112.0391],
  '59715': [45.677, -111.0429],
};

/** Cities where directory organizations are placed, with member-based weights. */
export const SERVICE_CITIES: readonly ServiceCity[] = Object.freeze(
  CITIES.flatMap((city) => {
    const point = COORDINATES[city.zip];
    return point ? [Object.freeze({ ...city, latitude: point[0], longitude: point[1] })] : [];
  }),
);

/** States of the service area. */
export const SERVICE_STATES: readonly string[] = Object.freeze([
  ...new Set(SERVICE_CITIES.map((city) => city.state)),
]);

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}
