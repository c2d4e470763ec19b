/**
 * Name lists for synthetic members: common US given names by sex and common US surnames,
 * written for this project. Names are ordinary and widespread on purpose: a synthetic record
 * must not single out anyone.
 */

/** Common US female given names. */
export const FEMALE_GIVEN_NAMES: readonly string[] = words(`
  Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty
  Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah
  Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma
  Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather
  Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith
  Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara Madison Frances Kathryn
  Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris Marilyn Danielle Beverly
  Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Ava Mia Harper
  Ella Avery Scarlett Chloe Camila Aria Riley Zoey Nora Lily Eleanor Hazel Violet Aurora Layla
  Penelope Stella Lucy Paisley Ellie Naomi Savannah Leah Audrey Claire Skylar Bella Allison
  Gabriella Anastasia Valeria Ximena Lucia Sofia Daniela Adriana Alejandra Gabriela Mariana
  Carmen Rosa Guadalupe Yolanda Veronica Leticia Alma Norma Irene Lorraine Wanda Tina Phyllis
  Connie Peggy Darlene Sylvia Vanessa Erin Tiffany Crystal Monica Erica Tara Dana Renee Holly
  Kristen Courtney Caitlin Morgan Brooke Jasmine Destiny Vivian Rose Ruby Alexa Jade Kaylee
  Madeline Peyton Genesis Maya Serenity Willow Elena Ivy Iris Josephine Eliana Luna Mila
  Addison Brooklyn Aubrey Autumn Quinn Sadie Piper Lydia Clara Delilah Eva Kinsley Hailey
  Mei Lin Priya Anjali Aisha Fatima Keisha Tamika Latoya Ebony Imani Nia Kiara Tanisha
`);

/** Common US male given names. */
export const MALE_GIVEN_NAMES: readonly string[] = words(`
  James Robert John Michael David William Richard Joseph Thomas Charles Christopher Daniel
  Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy
  Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin
  Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry
  Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy
  Christian Keith Roger Terry Gerald Harold Sean Austin Carl Arthur Lawrence Dylan Jesse
  Jordan Bryan Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy
  Vincent Ralph Eugene Russell Bobby Mason Philip Louis Liam Oliver Lucas Levi Sebastian
  Mateo Jackson Aiden Luke Grayson Carter Owen Wyatt Julian Isaac Lincoln Hudson Caleb Hunter
  Connor Eli Ezra Landon Colton Cameron Evan Miles Asher Jaxon Nolan Leo Josiah Theodore
  Carlos Luis Miguel Jorge Pedro Manuel Francisco Ricardo Alejandro Diego Javier Fernando
  Rafael Eduardo Roberto Andres Marco Antonio Hector Ramon Victor Martin Oscar Ruben Sergio
  Travis Derek Marcus Shawn Cody Chad Troy Craig Todd Curtis Dale Glenn Howard Lee Allen Earl
  Clarence Leonard Stanley Frederick Harry Fred Warren Calvin Maurice Darnell Andre Terrell
  Malik Jamal DeShawn Tyrone Reggie Darius Xavier Jayden Brayden Declan Rowan Silas Micah
  Wei Jun Hiroshi Kenji Minh Duc Raj Arjun Vikram Omar Ahmed Ali Hassan Tariq Ivan Dmitri
  Nikolai Sven Lars Anders Patrick Brendan Colin Graham Spencer Trevor Grant Neil Rodney
`);

/** Common US surnames (the general list). */
export const SURNAMES: readonly string[] = words(`
  Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin
  Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill
  Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans
  Edwards Collins Stewart Morris Murphy Cook Rogers Morgan Peterson Cooper Reed Bailey Bell
  Kelly Howard Ward Cox Richardson Wood Watson Brooks Bennett Gray James Hughes Price Sanders
  Myers Long Ross Foster Powell Jenkins Perry Russell Sullivan Fisher Henderson Coleman
  Simmons Patterson Jordan Reynolds Hamilton Graham Wallace West Cole Hayes Bryant Gibson
  Ellis Stevens Murray Ford Marshall Owens McDonald Harrison Kennedy Wells Alexander Tucker
  Porter Hunter Hicks Crawford Henry Boyd Mason Warren Dixon Burns Gordon Shaw Holmes Rice
  Robertson Black Daniels Palmer Mills Nichols Grant Knight Ferguson Stone Hawkins Dunn
  Perkins Hudson Spencer Stephens Pierce Hansen Wagner Larson Olson Carlson Nielsen Lindstrom
  Berg Johansen Schmidt Schneider Fischer Weber Becker Hoffman Meyer Klein Wolf Schultz Koch
  Bauer Richter Zimmerman Kowalski Nowak Novak Wisniewski Kaminski Petrov Ivanov Sokolov
  Volkov Kozlov Rossi Russo Romano Colombo Ricci Marino Greco Bruno Gallo Conti DeLuca
  Costa Esposito Lombardi Moretti Barbieri O'Brien O'Connor O'Neill Ryan Walsh Byrne Quinn
  Gallagher Doyle Brennan Fitzgerald Keane Lynch McCarthy Flynn Daly Burke Casey Nolan Moran
  Barrett Fleming Andrews Arnold Austin Banks Barker Barnes Bishop Bowman Bradley Butler
  Caldwell Chapman Chavez Cunningham Curtis Day Dean Duncan Elliott Fields Fletcher Franklin
  Freeman Fuller Gardner George Gilbert Griffin Hale Harper Hart Hayes Holland Hopkins
  Howell Hunt Jacobs Lane Lawrence Lawson Little Lucas Matthews McCoy Meyers Montgomery
  Newman Oliver Payne Pearson Reyes Riley Rose Ruiz Schwartz Simpson Snyder Stanley Steele
  Sutton Terry Wade Watkins Webb Welch Wheeler Williamson Woods Yates Chang Nguyen Kim Patel
  Washington Jefferson Franklin Booker Freeman Mosley Dawson Banks Gaines Pryor Whitfield
`);

/** Common US surnames of Hispanic origin, drawn more often for members of Hispanic ethnicity. */
export const HISPANIC_SURNAMES: readonly string[] = words(`
  Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores
  Rivera Gomez Diaz Cruz Morales Reyes Gutierrez Ortiz Ramos Chavez Mendoza Ruiz Alvarez
  Castillo Jimenez Moreno Romero Herrera Medina Aguilar Vasquez Castro Vargas Fernandez
  Guzman Munoz Salazar Soto Delgado Contreras Estrada Figueroa Navarro Rojas Cabrera Campos
  Espinoza Sandoval Serrano Valdez Guerrero Ortega Cortez Nunez Acosta Juarez Mejia Pena
`);

/** Common US surnames of Asian origin, drawn more often for members of Asian race. */
export const ASIAN_SURNAMES: readonly string[] = words(`
  Nguyen Tran Le Pham Huynh Vu Kim Lee Park Choi Jung Kang Cho Yoon Chen Wang Li Zhang Liu
  Yang Huang Zhao Wu Zhou Lin Chang Wong Chan Ho Tanaka Sato Suzuki Watanabe Yamamoto Nakamura
  Patel Shah Singh Kumar Sharma Gupta Reddy Rao Santos Reyes Cruz Bautista Mendoza Garcia
`);

/** Splits a whitespace-separated block into a de-duplicated word list. */
function words(block: string): readonly string[] {
  return Object.freeze([...new Set(block.split(/\s+/).filter((word) => word !== ''))]);
}
