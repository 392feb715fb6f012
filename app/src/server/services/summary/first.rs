//! The first few of many items in the order of their companies' names, chosen as the
//! items arrive in any order: the summary page lists a question's first texts, and a
//! question's texts page one page of them, without keeping every text of 100,000
//! companies.

use super::Order;
use std::cmp::Ordering;

/// The index of a company in the order read.
pub(super) type Read = usize;

/// What orders a company in the lists, and names it.
pub(super) struct Company {
    pub kana: String,
    pub name: String,
    pub id: i32,
}

/// Every company read, in the order read.
pub(super) struct Companies {
    list: Vec<Company>,
    order: Order,
}

impl Companies {
    pub fn new(order: Order) -> Self {
        Self {
            list: Vec::new(),
            order,
        }
    }

    /// Adds a company, returning its index.
    pub fn push(&mut self, company: Company) -> Read {
        self.list.push(company);
        self.list.len() - 1
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn get(&self, read: Read) -> &Company {
        &self.list[read]
    }

    pub fn name(&self, read: Read) -> String {
        self.list[read].name.clone()
    }

    /// Which of two companies read comes first by name. Companies that came by name
    /// already (PostgreSQL sorts them by its collation, which only it knows) keep the
    /// order read; SQLite compares names byte by byte, as Rust does.
    pub fn cmp(&self, a: Read, b: Read) -> Ordering {
        match self.order {
            Order::ByName => a.cmp(&b),
            Order::AsStored => {
                let (a, b) = (&self.list[a], &self.list[b]);
                (&a.kana, &a.name, a.id).cmp(&(&b.kana, &b.name, b.id))
            }
        }
    }

    /// Every company read, by name.
    pub fn by_name(&self) -> Vec<Read> {
        let mut reads: Vec<Read> = (0..self.list.len()).collect();
        if self.order == Order::AsStored {
            reads.sort_by(|&a, &b| self.cmp(a, b));
        }
        reads
    }
}

/// The first `limit` items offered, by their companies' names, and how many were offered.
pub(super) struct FirstByName<T> {
    limit: usize,
    /// By name.
    kept: Vec<(Read, T)>,
    offered: usize,
}

impl<T> FirstByName<T> {
    pub fn new(limit: usize) -> Self {
        Self {
            limit,
            kept: Vec::new(),
            offered: 0,
        }
    }

    /// Offers the item of company `read`, made only if it is kept.
    pub fn offer(&mut self, companies: &Companies, read: Read, item: impl FnOnce() -> T) {
        self.offered += 1;
        if self.limit == 0 {
            return;
        }
        if self.kept.len() == self.limit {
            match self.kept.last() {
                Some((last, _)) if companies.cmp(read, *last) == Ordering::Less => {
                    self.kept.pop();
                }
                _ => return,
            }
        }
        let at = self
            .kept
            .partition_point(|(kept, _)| companies.cmp(*kept, read) != Ordering::Greater);
        self.kept.insert(at, (read, item()));
    }

    pub fn offered(&self) -> usize {
        self.offered
    }

    /// The items kept, by name.
    pub fn into_kept(self) -> Vec<(Read, T)> {
        self.kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn companies(order: Order, names: &[&str]) -> Companies {
        let mut companies = Companies::new(order);
        for (id, name) in names.iter().enumerate() {
            companies.push(Company {
                kana: (*name).to_owned(),
                name: (*name).to_owned(),
                id: i32::try_from(id).unwrap_or_default(),
            });
        }
        companies
    }

    fn names(companies: &Companies, kept: Vec<(Read, &str)>) -> Vec<String> {
        kept.into_iter()
            .map(|(read, text)| format!("{}:{text}", companies.name(read)))
            .collect()
    }

    #[test]
    fn keeps_the_first_by_name_of_items_offered_in_any_order() {
        let companies = companies(Order::AsStored, &["ウ", "ア", "エ", "イ", "オ"]);
        let mut first = FirstByName::new(3);
        for (read, text) in ["u", "a", "e", "i", "o"].into_iter().enumerate() {
            first.offer(&companies, read, || text);
        }
        assert_eq!(first.offered(), 5);
        assert_eq!(
            names(&companies, first.into_kept()),
            ["ア:a", "イ:i", "ウ:u"]
        );
    }

    #[test]
    fn a_company_with_two_items_keeps_them_in_the_order_offered() {
        let companies = companies(Order::AsStored, &["イ", "ア"]);
        let mut first = FirstByName::new(10);
        first.offer(&companies, 0, || "first");
        first.offer(&companies, 1, || "a");
        first.offer(&companies, 0, || "second");
        assert_eq!(
            names(&companies, first.into_kept()),
            ["ア:a", "イ:first", "イ:second"]
        );
    }

    #[test]
    fn companies_that_came_by_name_keep_the_order_read() {
        // PostgreSQL's collation may put them otherwise than bytes would.
        let companies = companies(Order::ByName, &["b", "A", "c"]);
        let mut first = FirstByName::new(2);
        for read in 0..3 {
            first.offer(&companies, read, || read);
        }
        assert_eq!(first.into_kept(), [(0, 0), (1, 1)]);
        assert_eq!(companies.by_name(), [0, 1, 2]);
    }

    #[test]
    fn nothing_is_made_past_the_limit() {
        let companies = companies(Order::AsStored, &["ア", "イ"]);
        let mut first = FirstByName::new(1);
        first.offer(&companies, 0, || "a");
        first.offer(&companies, 1, || -> &str { panic!("made a text not kept") });
        let mut none = FirstByName::<&str>::new(0);
        none.offer(&companies, 0, || -> &str { panic!("made a text not kept") });
        assert_eq!(none.offered(), 1);
        assert_eq!(first.into_kept(), [(0, "a")]);
    }
}
