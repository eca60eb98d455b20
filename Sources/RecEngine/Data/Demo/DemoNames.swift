/// The fixed vocabularies of the demo world: genres, countries, devices, artwork tags,
/// and the word lists that generated names are made from.
enum DemoNames {
  /// The catalog's genres, in a fixed order (a genre's index is its position here).
  static let genres = [
    "Drama", "Comedy", "Action", "Thriller", "Romance", "Sci-Fi", "Documentary", "Animation", "Family",
    "Horror", "Crime", "Fantasy", "Reality", "Mystery", "Adventure", "Music", "Sports", "History",
  ]
  /// How often each genre is drawn for a title or a member's taste (relative, parallel to `genres`).
  static let genreWeights: [Double] = [14, 12, 9, 8, 6, 5, 6, 4, 4, 5, 7, 4, 3, 4, 5, 2, 2, 2]

  /// Member and title home countries, with their languages and shares of members.
  static let countries = ["US", "GB", "CA", "BR", "MX", "ES", "DE", "FR", "IN", "JP"]
  static let languages = ["en", "en", "en", "pt", "es", "es", "de", "fr", "hi", "ja"]
  static let countryWeights: [Double] = [35, 7, 5, 9, 7, 5, 7, 7, 10, 8]

  static let devices = ["tv", "mobile", "web", "tablet"]
  static let deviceWeights: [Double] = [45, 30, 15, 10]

  static let maturities = ["G", "PG", "PG-13", "R", "TV-MA"]
  static let kinds = ["movie", "series"]

  /// Artwork tags, in a fixed order.
  static let tags = [
    "close-up", "ensemble", "dark", "bright", "action", "romantic", "comedic", "landscape", "text",
    "character", "minimal", "vintage",
  ]

  static let adjectives = [
    "Quiet", "Blue", "Silent", "Broken", "Golden", "Hidden", "Last", "Lost", "Midnight", "Northern",
    "Burning", "Crimson", "Distant", "Electric", "Endless", "Fallen", "Frozen", "Gentle", "Hollow", "Iron",
    "Little", "Lonely", "Lucky", "Marble", "Neon", "Painted", "Paper", "Pale", "Restless", "Rising",
    "Savage", "Secret", "Shattered", "Silver", "Sleeping", "Small", "Stolen", "Strange", "Sudden", "Summer",
    "Velvet", "Wild", "Winter", "Wicked", "Wandering", "Bitter", "Brave", "Crooked", "Dark", "Deep",
    "First", "Glass", "Grand", "Howling", "Invisible", "Kind", "Long", "Open", "Perfect", "Scarlet",
  ]
  static let nouns = [
    "Harbor", "Circuit", "Garden", "Signal", "River", "Empire", "Mirror", "Frontier", "Orchard", "Station",
    "Tide", "Crown", "Kingdom", "Machine", "Horizon", "Lighthouse", "Island", "Letter", "Promise", "Shadow",
    "Storm", "Valley", "Voyage", "Witness", "Wolf", "Heart", "Hour", "House", "Road", "Sky",
    "Ghost", "Game", "Hunter", "Key", "Lake", "Legacy", "Line", "Map", "Melody", "Moon",
    "Night", "Ocean", "Passage", "Planet", "Prince", "Queen", "Rain", "Secret", "Season", "Sister",
    "Song", "Stranger", "Summit", "Sun", "Thief", "Tower", "Trail", "Village", "Window", "Winter",
    "Bridge", "Canyon", "Castle", "City", "Code", "Comet", "Desert", "Dream", "Echo", "Engine",
    "Fire", "Forest", "Fortune", "Gate", "Heist", "Journey", "Kitchen", "Labyrinth", "Detective", "Circus",
  ]
  static let places = [
    "Avalon", "Marrow Creek", "Eastbrook", "the North", "Paris", "Tokyo", "the Valley", "Lisbon",
    "Cedar Falls", "the Coast", "Rio", "Berlin", "Mumbai", "the Desert", "Glasgow", "Havana",
    "the Moon", "Oakridge", "Salt Lake", "the Islands", "Vienna", "Kyoto", "Montreal", "Seville",
  ]
  static let firstNames = [
    "Ava", "Liam", "Mia", "Noah", "Zoe", "Ethan", "Lena", "Omar", "Priya", "Diego",
    "Hana", "Lucas", "Sofia", "Mateo", "Chloe", "Arjun", "Yuki", "Felix", "Nora", "Theo",
    "Isla", "Marco", "Elena", "Kenji", "Amara", "Jonas", "Clara", "Rafael", "Ines", "Samuel",
    "Maya", "Leo", "Aisha", "Oscar", "Julia", "Ravi", "Emma", "Hugo", "Lucia", "Daniel",
    "Grace", "Tomas", "Ruby", "Andre", "Nadia", "Victor", "Iris", "Pablo", "Freya", "Kai",
    "Camille", "Jamal", "Beatriz", "Aiden", "Sana", "Milo", "Vera", "Elias", "Rosa", "Owen",
  ]
  static let lastNames = [
    "Carter", "Silva", "Tanaka", "Moreau", "Okafor", "Fischer", "Rossi", "Kapoor", "Lindqvist", "Navarro",
    "Brennan", "Costa", "Dubois", "Ellis", "Fontaine", "Garcia", "Hughes", "Ibarra", "Jensen", "Kowalski",
    "Lopez", "Mendes", "Nakamura", "Oliveira", "Park", "Quinn", "Reyes", "Schmidt", "Turner", "Ueda",
    "Valdez", "Walsh", "Yilmaz", "Zhou", "Abbott", "Becker", "Chandra", "Delgado", "Evans", "Ferreira",
    "Grant", "Hayes", "Iyer", "Jordan", "Klein", "Laurent", "Murphy", "Nolan", "Ortiz", "Patel",
    "Rivera", "Sato", "Torres", "Vogel", "Wright", "Young", "Alvarez", "Banks", "Cruz", "Duarte",
  ]
}
