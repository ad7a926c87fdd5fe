"""Places on the map, offline: the GeoNames gazetteer and a grid for nearest-place questions."""
