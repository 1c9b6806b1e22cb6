package agents

// Role is a staff member's role.
type Role uint8

// The staff roles.
const (
	Clinical Role = iota
	SupportRole
	Manager
	NumRoles
)

// String returns the role's name.
func (r Role) String() string {
	switch r {
	case Clinical:
		return "clinical"
	case SupportRole:
		return "support"
	case Manager:
		return "manager"
	}
	return "unknown"
}

// Share returns the role's share of the community-services workforce.
func (r Role) Share() float64 {
	switch r {
	case Clinical:
		return 0.72
	case SupportRole:
		return 0.20
	case Manager:
		return 0.08
	}
	return 0
}

// Wage returns the role's NHS wage in £k a year at 2010 prices, from Agenda
// for Change 2010/11 pay bands (band 5-6 clinical, band 2-3 support, band 8a
// manager), before the workforce.wage_level multiplier.
func (r Role) Wage() float64 {
	switch r {
	case Clinical:
		return 31
	case SupportRole:
		return 19
	case Manager:
		return 45
	}
	return 0
}

// Flag bits of a staff member.
const (
	FlagNHSScheme uint8 = 1 << iota // member of the NHS Pension Scheme
	FlagProtected                   // kept NHS scheme rights on a transfer
	FlagUnion                       // union member
)

// StaffMember is one staff member, used to add staff to a Workforce and to
// read one back. The Workforce itself stores staff column by column.
type StaffMember struct {
	Service      Service
	Role         Role
	Flags        uint8
	Age          uint8
	Tenure       uint8
	Engagement   float32 // 0-1
	AbsenceProp  float32 // individual absence propensity, mean 1
	Entrepreneur float32 // entrepreneurial propensity, 0-1
	Wage         float32 // £k a year
}

// Workforce stores the staff of one region as parallel columns (struct of
// arrays): 21 bytes a staff member and no pointer, so that the 1.3 million
// staff of the NHS fit in about 30 MB and the garbage collector never scans
// them. A staff member's employer is the holder of the contract that covers
// their service, so it is not stored per person.
type Workforce struct {
	Service      []Service
	Role         []Role
	Flags        []uint8
	Age          []uint8
	Tenure       []uint8
	Engagement   []float32
	AbsenceProp  []float32
	Entrepreneur []float32
	Wage         []float32
}

// BytesPerStaff is the memory one staff member takes in a Workforce.
const BytesPerStaff = 5*1 + 4*4

// Len returns the number of staff.
func (w *Workforce) Len() int { return len(w.Service) }

// Grow makes room for n more staff without reallocating.
func (w *Workforce) Grow(n int) {
	w.Service = grow(w.Service, n)
	w.Role = grow(w.Role, n)
	w.Flags = grow(w.Flags, n)
	w.Age = grow(w.Age, n)
	w.Tenure = grow(w.Tenure, n)
	w.Engagement = grow(w.Engagement, n)
	w.AbsenceProp = grow(w.AbsenceProp, n)
	w.Entrepreneur = grow(w.Entrepreneur, n)
	w.Wage = grow(w.Wage, n)
}

func grow[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	out := make([]T, len(s), len(s)+n)
	copy(out, s)
	return out
}

// Append adds a staff member at the end.
func (w *Workforce) Append(m StaffMember) {
	w.Service = append(w.Service, m.Service)
	w.Role = append(w.Role, m.Role)
	w.Flags = append(w.Flags, m.Flags)
	w.Age = append(w.Age, m.Age)
	w.Tenure = append(w.Tenure, m.Tenure)
	w.Engagement = append(w.Engagement, m.Engagement)
	w.AbsenceProp = append(w.AbsenceProp, m.AbsenceProp)
	w.Entrepreneur = append(w.Entrepreneur, m.Entrepreneur)
	w.Wage = append(w.Wage, m.Wage)
}

// At returns staff member i.
func (w *Workforce) At(i int) StaffMember {
	return StaffMember{Service: w.Service[i], Role: w.Role[i], Flags: w.Flags[i], Age: w.Age[i], Tenure: w.Tenure[i],
		Engagement: w.Engagement[i], AbsenceProp: w.AbsenceProp[i], Entrepreneur: w.Entrepreneur[i], Wage: w.Wage[i]}
}

// Move copies staff member from over staff member to. Used to compact the
// workforce in place, keeping order, when staff leave.
func (w *Workforce) Move(to, from int) {
	w.Service[to] = w.Service[from]
	w.Role[to] = w.Role[from]
	w.Flags[to] = w.Flags[from]
	w.Age[to] = w.Age[from]
	w.Tenure[to] = w.Tenure[from]
	w.Engagement[to] = w.Engagement[from]
	w.AbsenceProp[to] = w.AbsenceProp[from]
	w.Entrepreneur[to] = w.Entrepreneur[from]
	w.Wage[to] = w.Wage[from]
}

// Truncate keeps the first n staff.
func (w *Workforce) Truncate(n int) {
	w.Service = w.Service[:n]
	w.Role = w.Role[:n]
	w.Flags = w.Flags[:n]
	w.Age = w.Age[:n]
	w.Tenure = w.Tenure[:n]
	w.Engagement = w.Engagement[:n]
	w.AbsenceProp = w.AbsenceProp[:n]
	w.Entrepreneur = w.Entrepreneur[:n]
	w.Wage = w.Wage[:n]
}

// Clone returns a deep copy of w.
func (w *Workforce) Clone() Workforce {
	return Workforce{
		Service: clone(w.Service), Role: clone(w.Role), Flags: clone(w.Flags), Age: clone(w.Age), Tenure: clone(w.Tenure),
		Engagement: clone(w.Engagement), AbsenceProp: clone(w.AbsenceProp), Entrepreneur: clone(w.Entrepreneur), Wage: clone(w.Wage),
	}
}

func clone[T any](s []T) []T { return append([]T(nil), s...) }
