package scim

import "sync"

// pathCache keeps the paths resolved lately: an IdP sends the same few
// paths ("active", emails[type eq "work"].value) over and over, and
// filter-parser's parser costs far more than a map lookup. A resolved path
// is never modified, so it is shared. The cache is emptied when full: a
// client sending ever new paths costs parsing, never memory.
type pathCache struct {
	mu sync.Mutex
	m  map[string]patchPath
}

const maxCachedPaths = 1024

var paths = &pathCache{m: map[string]patchPath{}}

func (c *pathCache) get(key string) (patchPath, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	pp, ok := c.m[key]
	return pp, ok
}

func (c *pathCache) put(key string, pp patchPath) {
	if len(key) > 1024 { // long value filters are rare and would pin memory
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCachedPaths {
		clear(c.m)
	}
	c.m[key] = pp
}
