package ldapsync

import "context"

// dnOp is one change to plan.dnToID: key -> id, or the removal of key (only
// while it maps to id, when id is set).
type dnOp struct {
	key, id string
	del     bool
}

func (p *plan) dnSet(key, id string) {
	p.dnToID[key] = id
	if p.dnOps != nil {
		p.dnOps = append(p.dnOps, dnOp{key: key, id: id})
	}
}

// dnDelete removes key, or only while it maps to id when id is set.
func (p *plan) dnDelete(key, id string) {
	if id == "" || p.dnToID[key] == id {
		delete(p.dnToID, key)
	}
	if p.dnOps != nil {
		p.dnOps = append(p.dnOps, dnOp{key: key, id: id, del: true})
	}
}

// resolveDNs gives an incremental run that looked entries up one by one
// the dnToID it would have had with the snapshot: every known DN, then
// this run's changes in their order.
func (p *plan) resolveDNs(ctx context.Context, k *knownSet) error {
	if p.dnOps == nil {
		return nil
	}
	if err := k.loadAll(ctx); err != nil {
		return err
	}
	ops := p.dnOps
	p.dnOps = nil
	p.dnToID = make(map[string]string, len(k.m))
	for id, v := range k.m {
		p.dnToID[dnKey(v.DN)] = id
	}
	for _, op := range ops {
		if op.del {
			p.dnDelete(op.key, op.id)
		} else {
			p.dnSet(op.key, op.id)
		}
	}
	return nil
}
